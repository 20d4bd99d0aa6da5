namespace Konomi.TasteModels.Onnx;

/// <summary>Configuration section <c>Inference</c>: where ONNX models run.</summary>
public sealed class InferenceDeviceOptions
{
    public const string Section = "Inference";

    /// <summary><c>cpu</c> (default) or <c>cuda</c>; cuda falls back to CPU with a warning when the GPU runtime is missing.</summary>
    public string Device { get; set; } = "cpu";

    public int CudaDeviceId { get; set; }
}
