using Konomi.Storage.Ports;

namespace Konomi.Testing;

/// <summary>
/// The real label store, except that the next <see cref="FailNext"/> writes, or the next <see cref="FailNextReads"/> reads
/// a worker polls with (claims of the pending follow-ups, tallies), fail as an unreachable database would; after
/// <see cref="Die"/> the host gives nothing back as it stops, as a killed process does not. Shared by the feedback
/// tests and the trainer's label watch tests.
/// </summary>
public sealed class UnavailableLabelStore(ILabelStore store) : ILabelStore
{
    int _failures;
    int _readFailures;
    int _claimsAnswered;
    volatile bool _dead;

    public void FailNext(int writes) => Interlocked.Exchange(ref _failures, writes);

    public void FailNextReads(int reads) => Interlocked.Exchange(ref _readFailures, reads);

    public void Die() => _dead = true;

    public Task<ClickOutcome> RecordAsync(Click click, CancellationToken ct = default) =>
        Interlocked.Decrement(ref _failures) >= 0
            ? throw new TimeoutException("the store did not answer")
            : store.RecordAsync(click, ct);

    public Task<ClickOutcome> RecordAsync(Click click, string followUp, CancellationToken ct = default) =>
        Interlocked.Decrement(ref _failures) >= 0
            ? throw new TimeoutException("the store did not answer")
            : store.RecordAsync(click, followUp, ct);

    /// <summary>Claims the store answered: a test arms <see cref="FailNextReads"/> after the worker's first round, at start, is over.</summary>
    public int ClaimsAnswered => Volatile.Read(ref _claimsAnswered);

    public async Task<FollowUpClaim> ClaimFollowUpsAsync(string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        if (Interlocked.Decrement(ref _readFailures) >= 0)
            throw new TimeoutException("the store did not answer");
        var claim = await store.ClaimFollowUpsAsync(owner, leaseUntil, ct);
        Interlocked.Increment(ref _claimsAnswered);
        return claim;
    }

    public Task<IReadOnlyList<PendingFollowUp>> ListPendingFollowUpsAsync(CancellationToken ct = default) => store.ListPendingFollowUpsAsync(ct);
    public Task<bool> RenewFollowUpAsync(string clickId, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default) =>
        store.RenewFollowUpAsync(clickId, owner, leaseUntil, ct);
    public Task<bool> CompleteFollowUpAsync(string clickId, string owner, CancellationToken ct = default) => store.CompleteFollowUpAsync(clickId, owner, ct);
    public Task<int> ReleaseFollowUpsAsync(string owner, CancellationToken ct = default) => _dead ? Task.FromResult(0) : store.ReleaseFollowUpsAsync(owner, ct);
    public Task<int> ImportAsync(IReadOnlyList<Click> clicks, CancellationToken ct = default) => store.ImportAsync(clicks, ct);
    public Task<Label?> FindAsync(string userId, string workId, CancellationToken ct = default) => store.FindAsync(userId, workId, ct);
    public Task<IReadOnlyList<Label>> ListAsync(string? userId = null, CancellationToken ct = default) => store.ListAsync(userId, ct);
    public Task<IReadOnlyList<Click>> HistoryAsync(string userId, string workId, CancellationToken ct = default) => store.HistoryAsync(userId, workId, ct);
    public Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken ct = default) => store.ListUsersAsync(ct);

    public async Task<IReadOnlyList<LabelTally>> TallyAsync(CancellationToken ct = default)
    {
        if (Interlocked.Decrement(ref _readFailures) >= 0)
            throw new TimeoutException("the store did not answer");
        return await store.TallyAsync(ct);
    }
}
