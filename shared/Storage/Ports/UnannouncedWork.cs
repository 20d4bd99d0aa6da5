using Konomi.Contracts;

namespace Konomi.Storage.Ports;

public sealed record UnannouncedWork(Work Work, Guid CrawlRunId);
