using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary>A work read from a work page or product.json; <paramref name="ExpectedRelease"/> is an announce page's vague date ("2020年05月下旬").</summary>
public sealed record ParsedWork(Work Work, WorkStatus Status, string? ExpectedRelease = null);
