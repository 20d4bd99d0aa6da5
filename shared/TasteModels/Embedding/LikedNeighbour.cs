namespace Konomi.TasteModels.Embedding;

/// <summary>A liked training example kept for explanations: its first line and its embedding.</summary>
internal sealed record LikedNeighbour(string Label, float[] Vector)
{
    public static string LabelOf(string text)
    {
        var firstLine = text.Split('\n', 2)[0].Trim();
        return firstLine.Length <= 60 ? firstLine : firstLine[..60] + "…";
    }
}
