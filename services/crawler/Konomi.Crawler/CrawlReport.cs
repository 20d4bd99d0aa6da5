namespace Konomi.Crawler;

/// <summary>
/// What one crawl cycle did. <see cref="Requests"/> counts every HTTP request (robots.txt, listings, two per new
/// work, retries); <see cref="Reannounced"/> are works a crashed cycle stored but never announced;
/// <see cref="NotOnSale"/> are listed works DLsite has nothing on sale for yet (product.json <c>[]</c>, the work page gone):
/// no error, recorded with the failed works and looked at less often; <see cref="Translations"/> are listed works that are
/// translated editions of another work (listed in other languages and not Japanese, or product.json's <c>translation_info</c>
/// says so): skipped, never stored or announced; <see cref="FailedWorks"/> are the works this cycle gave up on (their own document failed Crawler:MaxWorkAttempts cycles);
/// <see cref="StoredFromOneSource"/> are works one of whose two documents failed that often while the other read, stored from it alone;
/// <see cref="StoredCut"/> are new works stored with a text or list past its cap (<c>WorkLimits</c>) cut to it.
/// </summary>
public sealed record CrawlReport(
    Guid RunId,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int ListingPages,
    int WorksSeen,
    int NewWorks,
    int Reannounced,
    int Announced,
    int NotOnSale,
    int Translations,
    long Requests,
    IReadOnlyDictionary<string, int> Errors,
    IReadOnlyList<string> FailedWorks,
    IReadOnlyList<string> StoredFromOneSource,
    IReadOnlyList<string> StoredCut);
