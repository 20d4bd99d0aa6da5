using Konomi.TasteModels.Evaluation;

namespace Konomi.Benchmarks;

/// <summary>One benchmark setting: labelled texts with the fold each belongs to (the same for Konomi and the peer).</summary>
public sealed record BenchmarkTask(string Name, string PeerSetting, IReadOnlyList<BenchmarkItem> Items)
{
    /// <summary>Writes the task as the one CSV both Konomi and the peer read (id,text,label,fold).</summary>
    public async Task WriteCsvAsync(string path)
    {
        await using var writer = new StreamWriter(path);
        LabelledCsv.Write(writer, Items.Select(item => (item.Id, item.Text, item.Liked, item.Fold)));
    }
}

public sealed record BenchmarkItem(string Id, string Text, bool Liked, int Fold)
{
    /// <summary>The item's structured values (MovieLens genres and tags), for models that take facets; the CSV the peer reads has text only.</summary>
    public IReadOnlyList<TasteModels.Facet> Facets { get; init; } = [];
}
