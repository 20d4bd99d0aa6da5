using System.Collections.Concurrent;

namespace Konomi.Crawler;

/// <summary>
/// How many cycles in a row each work's own documents failed (malformed, oversized, unforeseen), so one odd work
/// is retried a few cycles and then recorded as failed instead of costing requests every cycle. Outages
/// (timeouts, 5xx, rate limits) do not count: the work is not at fault and is fetched again next cycle.
/// </summary>
public sealed class WorkFailures
{
    readonly ConcurrentDictionary<string, Failure> _failures = new(StringComparer.Ordinal);

    public static bool IsTheWorksOwn(CrawlErrorKind kind) => kind is CrawlErrorKind.Malformed or CrawlErrorKind.TooLarge or CrawlErrorKind.Unexpected;

    public bool IsFailed(string workId, int maxAttempts) => _failures.TryGetValue(workId, out var f) && f.Attempts >= maxAttempts;

    /// <summary>Counts one more failed cycle; returns the count.</summary>
    public int Record(string workId, CrawlException error) =>
        _failures.AddOrUpdate(workId, _ => new Failure(1, error.Message), (_, f) => new Failure(f.Attempts + 1, error.Message)).Attempts;

    public void Forget(string workId) => _failures.TryRemove(workId, out _);

    public sealed record Failure(int Attempts, string LastReason);
}
