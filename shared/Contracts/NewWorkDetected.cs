namespace Konomi.Contracts;

/// <summary>A work Konomi has never stored before; published once per work, ever.</summary>
public sealed record NewWorkDetected(Guid CrawlRunId, Work Work);
