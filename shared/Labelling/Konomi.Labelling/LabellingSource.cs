namespace Konomi.Labelling;

/// <summary>The click source of answers given while labelling, in the terminal (<c>konomi label</c>) or on the web page.</summary>
public static class LabellingSource
{
    public const string Name = "annotator";
}
