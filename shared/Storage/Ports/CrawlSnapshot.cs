namespace Konomi.Storage.Ports;

public sealed record CrawlSnapshot(Guid CrawlRunId, DateTimeOffset CrawledAt, string Floor, IReadOnlyList<string> WorkIds);
