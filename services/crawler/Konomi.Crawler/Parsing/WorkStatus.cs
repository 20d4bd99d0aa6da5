namespace Konomi.Crawler.Parsing;

public enum WorkStatus
{
    Released,
    /// <summary>A 予告 (announce) page: not on sale yet, so not new until it is released.</summary>
    Announced,
}
