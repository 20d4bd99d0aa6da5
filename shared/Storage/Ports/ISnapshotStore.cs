namespace Konomi.Storage.Ports;

/// <summary>One record per listing crawl: which ids a floor showed, in order, at a time.</summary>
public interface ISnapshotStore
{
    Task AddAsync(CrawlSnapshot snapshot, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<CrawlSnapshot>> ListAsync(string? floor = null, int limit = 20, CancellationToken ct = default);
}
