namespace Konomi.TasteModels;

/// <summary>
/// Configuration section <c>TasteModels</c>: which family new models are trained with, and where ONNX families run
/// (the trainer fits them and inference scores with them, so both read the device here).
/// </summary>
public sealed class TasteModelOptions
{
    public const string Section = "TasteModels";
    public const string InputSection = "TasteModels:Input";
    public const string NgramSection = "TasteModels:Ngram";
    public const string EmbeddingSection = "TasteModels:Embedding";
    public const string StackedSection = "TasteModels:Stacked";
    public const string ClassifierSection = "TasteModels:Classifier";

    public string Family { get; set; } = Ngram.NgramFamily.Name;

    /// <summary><c>cpu</c> (default) or <c>cuda</c>; cuda falls back to CPU with a warning when the GPU runtime is missing.</summary>
    public string Device { get; set; } = "cpu";

    public int CudaDeviceId { get; set; }
}
