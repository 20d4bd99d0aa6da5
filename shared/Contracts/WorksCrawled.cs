namespace Konomi.Contracts;

/// <summary>One listing crawl finished: every work id seen, in listing order.</summary>
public sealed record WorksCrawled(
    Guid CrawlRunId,
    string Source,
    IReadOnlyList<string> WorkIds,
    DateTimeOffset CrawledAt);
