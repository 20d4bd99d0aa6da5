namespace Konomi.Storage.Ports;

/// <summary>
/// How long things are kept. A score's age is its work's age in the store (a score only matters while its
/// work is new); a snapshot's is its crawl time; a click's is its own time. A crawl failure's is its last try, and it
/// goes with the snapshots: by then the crawler's newest listings no longer show the work (if one still does, the work
/// is tried again, a few cycles, and given up again). Of the versions that no longer
/// serve (retired or rejected), each user keeps the newest <see cref="KeepModelVersions"/>.
/// </summary>
public sealed record RetentionPolicy(TimeSpan ScoresFor, TimeSpan SnapshotsFor, TimeSpan ClicksFor, int KeepModelVersions);
