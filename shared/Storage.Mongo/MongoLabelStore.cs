using Konomi.Storage.Ports;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

/// <summary>
/// The click goes into the history first (its id is the unique key), then the current label is moved
/// forward only if this click is not older than it. These are two writes, so a redelivered click repairs:
/// a process that died (or a write that failed) between them left the click without its label, and moving
/// the label forward again from the stored click is a no-op when it had already moved. A pending follow-up is
/// claimed click by click, each a conditional update the server applies atomically.
/// </summary>
public sealed class MongoLabelStore(KonomiMongo mongo, TimeProvider clock) : ILabelStore
{
    private readonly IndexedCollection<ClickDocument> _clicks = mongo.Collection("clicks",
        new CreateIndexModel<ClickDocument>(Builders<ClickDocument>.IndexKeys.Ascending(c => c.UserId).Ascending(c => c.WorkId).Ascending(c => c.At)),
        new CreateIndexModel<ClickDocument>(Builders<ClickDocument>.IndexKeys.Ascending(c => c.FollowUpPending).Ascending(c => c.At)));

    private readonly IndexedCollection<LabelDocument> _labels = mongo.Collection("labels",
        new CreateIndexModel<LabelDocument>(Builders<LabelDocument>.IndexKeys.Ascending(l => l.UserId).Ascending(l => l.WorkId),
            new CreateIndexOptions { Unique = true, Name = "one_label_per_user_and_work" }),
        new CreateIndexModel<LabelDocument>(Builders<LabelDocument>.IndexKeys.Ascending(l => l.LabeledAt)));

    public Task<ClickOutcome> RecordAsync(Click click, CancellationToken ct = default) => InsertAsync(click, null, ct);

    public Task<ClickOutcome> RecordAsync(Click click, string followUp, CancellationToken ct = default) =>
        InsertAsync(click, followUp, ct);

    public async Task<IReadOnlyList<PendingFollowUp>> ListPendingFollowUpsAsync(CancellationToken ct = default)
    {
        var clicks = await _clicks.ReadyAsync(ct);
        var found = await clicks.Find(c => c.FollowUpPending).SortBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        return found.Select(c => new PendingFollowUp(c.Id, c.FollowUp ?? "")).ToList();
    }

    public async Task<FollowUpClaim> ClaimFollowUpsAsync(string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        var clicks = await _clicks.ReadyAsync(ct);
        var now = StoredTime.ToTicks(clock.GetUtcNow());
        var until = StoredTime.ToTicks(leaseUntil);
        var pending = await clicks.Find(c => c.FollowUpPending).SortBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        var heldElsewhere = pending.Where(c => c.LeaseOwner != owner && c.LeaseUntil > now).ToList();
        var otherOwners = heldElsewhere.Select(c => (c.UserId, c.WorkId)).ToHashSet();
        long? firstEnd = heldElsewhere.Count == 0 ? null : heldElsewhere.Min(c => c.LeaseUntil);
        var claimed = new List<PendingFollowUp>();
        foreach (var click in pending.Where(c => !otherOwners.Contains((c.UserId, c.WorkId))))
        {
            var taken = await clicks.UpdateOneAsync(
                c => c.Id == click.Id && c.FollowUpPending && (c.LeaseUntil == null || c.LeaseUntil <= now || c.LeaseOwner == owner),
                Builders<ClickDocument>.Update.Set(c => c.LeaseOwner, owner).Set(c => c.LeaseUntil, until), cancellationToken: ct);
            if (taken.MatchedCount == 1)
            {
                claimed.Add(new PendingFollowUp(click.Id, click.FollowUp ?? ""));
                continue;
            }
            // Another worker took it since the read (or did it): the pair's later clicks are its too, in click order.
            otherOwners.Add((click.UserId, click.WorkId));
            firstEnd = Math.Min(firstEnd ?? until, until);
        }
        return new FollowUpClaim(claimed, firstEnd is { } end ? StoredTime.FromTicks(end) : null);
    }

    public async Task<bool> RenewFollowUpAsync(string clickId, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        var clicks = await _clicks.ReadyAsync(ct);
        var renewed = await clicks.UpdateOneAsync(c => c.Id == clickId && c.FollowUpPending && c.LeaseOwner == owner,
            Builders<ClickDocument>.Update.Set(c => c.LeaseUntil, StoredTime.ToTicks(leaseUntil)), cancellationToken: ct);
        return renewed.MatchedCount == 1;
    }

    public async Task<bool> CompleteFollowUpAsync(string clickId, string owner, CancellationToken ct = default)
    {
        var clicks = await _clicks.ReadyAsync(ct);
        var done = await clicks.UpdateOneAsync(c => c.Id == clickId && c.FollowUpPending && c.LeaseOwner == owner,
            Builders<ClickDocument>.Update.Set(c => c.FollowUpPending, false).Unset(c => c.FollowUp).Unset(c => c.LeaseOwner).Unset(c => c.LeaseUntil),
            cancellationToken: ct);
        return done.MatchedCount == 1;
    }

    public async Task<int> ReleaseFollowUpsAsync(string owner, CancellationToken ct = default)
    {
        var clicks = await _clicks.ReadyAsync(ct);
        var released = await clicks.UpdateManyAsync(c => c.FollowUpPending && c.LeaseOwner == owner,
            Builders<ClickDocument>.Update.Unset(c => c.LeaseOwner).Unset(c => c.LeaseUntil), cancellationToken: ct);
        return (int)released.ModifiedCount;
    }

    private async Task<ClickOutcome> InsertAsync(Click click, string? followUp, CancellationToken ct)
    {
        var clicks = await _clicks.ReadyAsync(ct);
        try
        {
            await clicks.InsertOneAsync(new ClickDocument(click.ClickId, click.UserId, click.WorkId, click.Interested,
                StoredTime.ToTicks(click.At), click.Source, followUp, followUp is not null), cancellationToken: ct);
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            // The stored click, not this delivery's copy: a click id names one click, whatever a replay claims.
            var stored = await clicks.Find(c => c.Id == click.ClickId).FirstAsync(ct);
            await MoveLabelForwardAsync(ToClick(stored), ct);
            return ClickOutcome.Duplicate;
        }
        await MoveLabelForwardAsync(click, ct);
        return ClickOutcome.Recorded;
    }

    public async Task<int> ImportAsync(IReadOnlyList<Click> clicks, CancellationToken ct = default)
    {
        var recorded = 0;
        foreach (var click in clicks)
            recorded += await RecordAsync(click, ct) == ClickOutcome.Recorded ? 1 : 0;
        return recorded;
    }

    public async Task<Label?> FindAsync(string userId, string workId, CancellationToken ct = default)
    {
        var labels = await _labels.ReadyAsync(ct);
        var found = await labels.Find(l => l.UserId == userId && l.WorkId == workId).FirstOrDefaultAsync(ct);
        return found is null ? null : ToLabel(found);
    }

    public async Task<IReadOnlyList<Label>> ListAsync(string? userId = null, CancellationToken ct = default)
    {
        var labels = await _labels.ReadyAsync(ct);
        var filter = userId is null ? Builders<LabelDocument>.Filter.Empty : Builders<LabelDocument>.Filter.Eq(l => l.UserId, userId);
        var found = await labels.Find(filter).SortBy(l => l.LabeledAt).ThenBy(l => l.UserId).ThenBy(l => l.WorkId).ToListAsync(ct);
        return found.Select(ToLabel).ToList();
    }

    public async Task<IReadOnlyList<Click>> HistoryAsync(string userId, string workId, CancellationToken ct = default)
    {
        var clicks = await _clicks.ReadyAsync(ct);
        var found = await clicks.Find(c => c.UserId == userId && c.WorkId == workId).SortBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        return found.Select(ToClick).ToList();
    }

    public async Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken ct = default)
    {
        var labels = await _labels.ReadyAsync(ct);
        var users = await labels.Distinct(l => l.UserId, Builders<LabelDocument>.Filter.Empty, cancellationToken: ct).ToListAsync(ct);
        return users.Order(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<LabelTally>> TallyAsync(CancellationToken ct = default)
    {
        var labels = await _labels.ReadyAsync(ct);
        // One aggregation: $facet hands each label, read once, to both counts, so a label written meanwhile is in
        // every count of its user or in none (two reads could count it as a label but not as a like). Newest first,
        // so each user's first label is the newest. Only $sum of 1, $first and $match inside: the MongoDB-wire test
        // server has no $max and evaluates no expression in a $group (a $cond sums to 0, a compound _id stays literal).
        var all = AggregateFacet.Create("labels", new EmptyPipelineDefinition<LabelDocument>()
            .Group(l => l.UserId, g => new { UserId = g.Key, Labels = g.Count(), Newest = g.First().LabeledAt }));
        var liked = AggregateFacet.Create("liked", new EmptyPipelineDefinition<LabelDocument>()
            .Match(l => l.Interested)
            .Group(l => l.UserId, g => new { UserId = g.Key, Liked = g.Count() }));
        var counted = await labels.Aggregate().SortByDescending(l => l.LabeledAt).Facet(all, liked).SingleAsync(ct);
        var likedBy = Output(counted, liked).ToDictionary(l => l.UserId, l => l.Liked);
        return Output(counted, all)
            .Select(t => new LabelTally(t.UserId, t.Labels, likedBy.GetValueOrDefault(t.UserId), StoredTime.FromTicks(t.Newest)))
            .OrderBy(t => t.UserId, StringComparer.Ordinal)
            .ToList();
    }

    private static IReadOnlyList<T> Output<T>(AggregateFacetResults results, AggregateFacet<LabelDocument, T> facet) =>
        results.Facets.Single(f => f.Name == facet.Name).Output<T>();

    private async Task MoveLabelForwardAsync(Click click, CancellationToken ct)
    {
        var labels = await _labels.ReadyAsync(ct);
        var at = StoredTime.ToTicks(click.At);
        FilterDefinition<LabelDocument> notNewer = Builders<LabelDocument>.Filter.Where(
            l => l.UserId == click.UserId && l.WorkId == click.WorkId && l.LabeledAt <= at);
        // On insert, the filter's equality fields (user, work) seed the new document.
        var update = Builders<LabelDocument>.Update
            .Set(l => l.Interested, click.Interested).Set(l => l.LabeledAt, at).Set(l => l.Source, click.Source);
        try
        {
            await labels.UpdateOneAsync(notNewer, update, new UpdateOptions { IsUpsert = true }, ct);
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            // The pair has a label that is newer, or another writer inserted it a moment ago: update it
            // only if it is not newer than this click.
            await labels.UpdateOneAsync(notNewer, update, cancellationToken: ct);
        }
    }

    private static Click ToClick(ClickDocument c) => new(c.Id, c.UserId, c.WorkId, c.Interested, StoredTime.FromTicks(c.At), c.Source);

    private static Label ToLabel(LabelDocument l) => new(l.UserId, l.WorkId, l.Interested, StoredTime.FromTicks(l.LabeledAt), l.Source);
}
