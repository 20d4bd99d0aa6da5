namespace Konomi.Storage.Ports;

/// <summary>
/// What users said about works. Every click is kept in the history, keyed by its identity so a
/// redelivered click is recorded once; the current label per (user, work) is the latest click by time.
/// </summary>
public interface ILabelStore
{
    /// <summary>Records the click; <see cref="ClickOutcome.Duplicate"/> when its id was already recorded.</summary>
    Task<ClickOutcome> RecordAsync(Click click, CancellationToken ct = default);

    /// <summary>
    /// Records the click and, in the same write, what is still to be done about it (<paramref name="followUp"/>,
    /// opaque to the store), pending until <see cref="CompleteFollowUpAsync"/>. A duplicate leaves the stored
    /// click and its follow-up as they are.
    /// </summary>
    Task<ClickOutcome> RecordAsync(Click click, string followUp, CancellationToken ct = default);

    /// <summary>Follow-ups not completed yet, oldest click first, whoever holds them.</summary>
    Task<IReadOnlyList<PendingFollowUp>> ListPendingFollowUpsAsync(CancellationToken ct = default);

    /// <summary>
    /// Takes the right to do pending follow-ups, so that of several workers over one store (the feedback service,
    /// the web app, replicas) one does each: every pending follow-up whose lease is free, run out or already
    /// <paramref name="owner"/>'s is leased to it until <paramref name="leaseUntil"/>, except those of a (user, work)
    /// of which another owner holds a follow-up, so a pair's clicks are done by one worker in click order.
    /// Returns the claimed ones, oldest click first, and the earliest end of a lease held by someone else.
    /// </summary>
    Task<FollowUpClaim> ClaimFollowUpsAsync(string owner, DateTimeOffset leaseUntil, CancellationToken ct = default);

    /// <summary>Extends the lease while <paramref name="owner"/> still holds it; false when another owner took it over or it is done.</summary>
    Task<bool> RenewFollowUpAsync(string clickId, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default);

    /// <summary>
    /// Marks the follow-up done, fenced by the lease: only while <paramref name="owner"/> holds it (run out or not,
    /// as long as nobody took it over). False otherwise: it is someone else's to finish.
    /// </summary>
    Task<bool> CompleteFollowUpAsync(string clickId, string owner, CancellationToken ct = default);

    /// <summary>
    /// Gives up every lease <paramref name="owner"/> holds on follow-ups not done (a worker stopping), so any worker
    /// claims them at once instead of after the lease; a lease another owner took over is left alone. Returns how many.
    /// </summary>
    Task<int> ReleaseFollowUpsAsync(string owner, CancellationToken ct = default);

    /// <summary>
    /// Records many clicks (an import) with the same rules as <see cref="RecordAsync"/>, all or none where
    /// the store allows; returns how many were new.
    /// </summary>
    Task<int> ImportAsync(IReadOnlyList<Click> clicks, CancellationToken ct = default);

    Task<Label?> FindAsync(string userId, string workId, CancellationToken ct = default);

    /// <summary>Current labels, oldest first; all users when <paramref name="userId"/> is null.</summary>
    Task<IReadOnlyList<Label>> ListAsync(string? userId = null, CancellationToken ct = default);

    /// <summary>Every click for the pair, oldest first.</summary>
    Task<IReadOnlyList<Click>> HistoryAsync(string userId, string workId, CancellationToken ct = default);

    /// <summary>Users that have at least one label.</summary>
    Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken ct = default);

    /// <summary>A tally of the current labels of every user that has one, by user id; counted by the store, no label read.</summary>
    Task<IReadOnlyList<LabelTally>> TallyAsync(CancellationToken ct = default);
}
