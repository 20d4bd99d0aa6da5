namespace Konomi.Storage.Ports;

/// <summary>
/// A work whose own documents (product.json and work page) failed in <see cref="Attempts"/> crawl cycles, with the
/// last error; the crawler gives up on it at <c>Crawler:MaxWorkAttempts</c> and an operator can list or retry it.
/// </summary>
public sealed record CrawlFailure(string WorkId, int Attempts, string LastError, DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt)
{
    /// <summary>The crawler no longer fetches the work: it failed in <paramref name="maxAttempts"/> cycles or more.</summary>
    public bool IsGivenUp(int maxAttempts) => Attempts >= maxAttempts;
}
