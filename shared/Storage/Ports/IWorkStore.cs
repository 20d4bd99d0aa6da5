using Konomi.Contracts;

namespace Konomi.Storage.Ports;

/// <summary>
/// Every work Konomi has seen. A work is stored once; its id is the natural key. A stored work stays
/// "unannounced" until its NewWorkDetected has been published, so a crawler that dies between the two
/// announces it on its next cycle instead of losing it (an outbox in the product's words).
/// </summary>
public interface IWorkStore
{
    /// <summary>Stores the work (unannounced) unless its id is known; true when this call stored it.</summary>
    Task<bool> AddAsync(Work work, Guid crawlRunId, CancellationToken ct = default);

    /// <summary>
    /// Stores the works whose ids are unknown as already announced (imported history must not notify
    /// anyone again), all or none where the store allows; returns how many were new.
    /// </summary>
    Task<int> ImportAsync(IReadOnlyList<Work> works, CancellationToken ct = default);

    /// <summary>Works stored but not yet announced, oldest first, with the crawl run that found them.</summary>
    Task<IReadOnlyList<CrawledWork>> ListUnannouncedAsync(int limit = 500, CancellationToken ct = default);

    Task MarkAnnouncedAsync(string workId, CancellationToken ct = default);

    /// <summary>
    /// Announced works a crawl stored (imported ones are not) from <paramref name="from"/> until before
    /// <paramref name="before"/>, newest first: what a process that stopped with its messages in memory may have left
    /// unscored or unposted.
    /// </summary>
    Task<IReadOnlyList<CrawledWork>> ListAnnouncedAsync(DateTimeOffset from, DateTimeOffset before, int limit = 1000, CancellationToken ct = default);

    Task<Work?> FindAsync(string workId, CancellationToken ct = default);

    /// <summary>The stored works among <paramref name="workIds"/>, by id, in one round trip.</summary>
    Task<IReadOnlyDictionary<string, Work>> FindManyAsync(IEnumerable<string> workIds, CancellationToken ct = default);

    /// <summary>The subset of <paramref name="workIds"/> already stored.</summary>
    Task<IReadOnlySet<string>> FindKnownAsync(IEnumerable<string> workIds, CancellationToken ct = default);

    /// <summary>Newest first (release date, then id); <paramref name="text"/> filters title, circle, creators, genres.</summary>
    Task<IReadOnlyList<Work>> ListAsync(string? text = null, int limit = 100, CancellationToken ct = default);

    Task<long> CountAsync(CancellationToken ct = default);
}
