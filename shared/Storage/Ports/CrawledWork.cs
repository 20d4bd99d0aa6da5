using Konomi.Contracts;

namespace Konomi.Storage.Ports;

/// <summary>A work as a crawl stored it, with the crawl run that found it.</summary>
public sealed record CrawledWork(Work Work, Guid CrawlRunId);
