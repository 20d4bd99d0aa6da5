namespace Konomi.Storage.Ports;

/// <summary>
/// A work whose own documents (product.json and work page) failed in <see cref="Attempts"/> crawl cycles, with the
/// last error; the crawler gives up on it at <c>Crawler:MaxWorkAttempts</c> and an operator can list or retry it.
/// A listed work DLsite has nothing on sale for is recorded here too (<see cref="IsNotOnSale"/>), never given up.
/// </summary>
public sealed record CrawlFailure(string WorkId, int Attempts, string LastError, DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt)
{
    /// <summary>What <see cref="LastError"/> starts with for a work not on sale (the crawler writes it, every reader asks here).</summary>
    public const string NotOnSaleReason = "not-on-sale";

    /// <summary>The crawler no longer fetches the work: it failed in <paramref name="maxAttempts"/> cycles or more.</summary>
    public bool IsGivenUp(int maxAttempts) => !IsNotOnSale && Attempts >= maxAttempts;

    /// <summary>Listed, but product.json has no work and its page is gone: looked at each cycle, then daily, until it is on sale.</summary>
    public bool IsNotOnSale => LastError.StartsWith(NotOnSaleReason + ":", StringComparison.Ordinal);

    /// <summary>The crawler's words for it, as <c>konomi crawl --failed</c> and the Status page show them.</summary>
    public string State(int maxAttempts) => this switch
    {
        { IsNotOnSale: true } when Attempts >= maxAttempts => "not on sale (looked at daily)",
        { IsNotOnSale: true } => $"not on sale ({Attempts}/{maxAttempts})",
        _ when IsGivenUp(maxAttempts) => "given up",
        _ => $"retrying ({Attempts}/{maxAttempts})",
    };
}
