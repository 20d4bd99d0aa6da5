namespace Konomi.TasteModels;

/// <summary>Configuration section <c>TasteModels</c>: which family new models are trained with.</summary>
public sealed class TasteModelOptions
{
    public const string Section = "TasteModels";

    public string Family { get; set; } = Ngram.NgramFamily.Name;
}
