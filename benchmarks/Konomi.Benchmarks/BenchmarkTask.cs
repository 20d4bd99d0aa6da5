namespace Konomi.Benchmarks;

/// <summary>One benchmark setting: labelled texts with the fold each belongs to (the same for Konomi and the peer).</summary>
public sealed record BenchmarkTask(string Name, string PeerSetting, IReadOnlyList<BenchmarkItem> Items);

public sealed record BenchmarkItem(string Id, string Text, bool Liked, int Fold)
{
    /// <summary>The item's structured values (MovieLens genres and tags), for models that take facets; the CSV the peer reads has text only.</summary>
    public IReadOnlyList<TasteModels.Facet> Facets { get; init; } = [];
}
