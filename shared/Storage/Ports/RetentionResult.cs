namespace Konomi.Storage.Ports;

/// <summary>How many of each were removed by one pruning.</summary>
public sealed record RetentionResult(long Scores, long Snapshots, long Clicks, long ModelVersions, long CrawlFailures);
