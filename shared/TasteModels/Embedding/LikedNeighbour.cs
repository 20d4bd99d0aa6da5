using Konomi.Contracts;

namespace Konomi.TasteModels.Embedding;

/// <summary>A liked training example kept for explanations: its first line and its embedding (stored as float16).</summary>
internal sealed record LikedNeighbour(string Label, float[] Vector)
{
    /// <summary>Liked training examples a model keeps to explain scores by similarity.</summary>
    private const int Kept = 200;

    public static string LabelOf(string text)
    {
        var firstLine = text.Split('\n', 2)[0].Trim();
        return firstLine.Length <= 60 ? firstLine : firstLine[..60] + "…";
    }

    /// <summary>The first liked examples with their vectors rounded to float16, as they are saved, so a loaded model explains alike.</summary>
    public static LikedNeighbour[] Keep(IReadOnlyList<Example> examples, IReadOnlyList<float[]> vectors) =>
    [
        .. examples.Select((e, i) => (e, i)).Where(x => x.e.Liked).Take(Kept)
            .Select(x => new LikedNeighbour(LabelOf(x.e.Input.Text), [.. vectors[x.i].Select(v => (float)(Half)v)])),
    ];

    /// <summary>"similar to: …" for the liked examples nearest to <paramref name="vector"/> (cosine: both are unit length).</summary>
    public static IReadOnlyList<ScoreReason> Nearest(IReadOnlyList<LikedNeighbour> liked, float[] vector, int count) =>
        liked.Select(n => (n.Label, Similarity: Dot(n.Vector, vector)))
            .OrderByDescending(n => n.Similarity)
            .Take(count)
            .Select(n => new ScoreReason("similar", $"similar to: {n.Label}", n.Similarity))
            .ToArray();

    public static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++) sum += a[d] * b[d];
        return sum;
    }

    public static void Write(BinaryWriter writer, IReadOnlyList<LikedNeighbour> liked)
    {
        writer.Write7BitEncodedInt(liked.Count);
        foreach (var neighbour in liked)
        {
            writer.Write(neighbour.Label);
            foreach (var value in neighbour.Vector) writer.Write((Half)value);
        }
    }

    public static LikedNeighbour[] Read(BinaryReader reader, int dimensions)
    {
        var liked = new LikedNeighbour[reader.Read7BitEncodedInt()];
        for (var k = 0; k < liked.Length; k++)
        {
            var label = reader.ReadString();
            var vector = new float[dimensions];
            for (var d = 0; d < vector.Length; d++) vector[d] = (float)reader.ReadHalf();
            liked[k] = new LikedNeighbour(label, vector);
        }
        return liked;
    }
}
