namespace Konomi.Crawler;

/// <summary>
/// Where a crawl cycle stands, reported after each listing page and each new work: listing pages read of those
/// planned (fewer when a floor runs out), and new works fetched of those found so far.
/// </summary>
public readonly record struct CrawlProgress(int PagesRead, int PagesPlanned, int WorksFetched, int WorksFound)
{
    /// <summary>Requests spent so far, in <see cref="BackfillEstimate"/>'s units.</summary>
    public int RequestsDone => PagesRead + WorksFetched * BackfillEstimate.RequestsPerWork;

    /// <summary>Requests still to come: the works found and not yet fetched, and every unread page taken as full of new works.</summary>
    public int RequestsPlanned => RequestsDone
        + (WorksFound - WorksFetched) * BackfillEstimate.RequestsPerWork
        + (PagesPlanned - PagesRead) * (1 + BackfillEstimate.WorksPerPage * BackfillEstimate.RequestsPerWork);
}
