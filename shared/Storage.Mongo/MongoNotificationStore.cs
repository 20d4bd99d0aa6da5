using Konomi.Storage.Ports;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

public sealed class MongoNotificationStore(KonomiMongo mongo, TimeProvider clock) : INotificationStore
{
    private static readonly IndexKeysDefinitionBuilder<NotificationDocument> Keys = Builders<NotificationDocument>.IndexKeys;
    private static readonly UpdateDefinitionBuilder<NotificationDocument> Update = Builders<NotificationDocument>.Update;

    // The sweep's index while it read every pending entry by creation time; it reads by due time now. Ledgers an
    // earlier version set up still carry it, and every write of theirs kept it up.
    private const string SweepIndexBeforeDueTimes = "status_1_createdAt_1_workId_1_target_1";

    private readonly IndexedCollection<NotificationDocument> _notifications = mongo.Collection("notifications", [SweepIndexBeforeDueTimes],
        new CreateIndexModel<NotificationDocument>(Keys.Ascending(n => n.WorkId).Ascending(n => n.Target),
            new CreateIndexOptions { Unique = true, Name = "one_notification_per_work_and_target" }),
        new CreateIndexModel<NotificationDocument>(Keys.Ascending(n => n.Channel).Ascending(n => n.MessageTs)),
        new CreateIndexModel<NotificationDocument>(Keys.Ascending(n => n.Status).Descending(n => n.CreatedAt)),
        new CreateIndexModel<NotificationDocument>(Keys.Ascending(n => n.UserId).Ascending(n => n.CrawlRunId)),
        new CreateIndexModel<NotificationDocument>(
            Keys.Ascending(n => n.Status).Ascending(n => n.DueAt).Ascending(n => n.CreatedAt).Ascending(n => n.WorkId).Ascending(n => n.Target)));

    public async Task<bool> TryCreateAsync(Notification notification, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        try
        {
            await notifications.InsertOneAsync(NotificationDocument.From(notification), cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            return false;
        }
    }

    public async Task<Notification?> TryLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var now = StoredTime.ToTicks(clock.GetUtcNow());
        // One findAndModify: the server applies it atomically, so of two racing owners only one matches.
        var leased = await notifications.FindOneAndUpdateAsync<NotificationDocument>(
            n => n.WorkId == workId && n.Target == target && n.Status == NotificationStatus.Pending
                && (n.LeaseUntil == null || n.LeaseUntil <= now),
            Update.Set(n => n.LeaseOwner, owner).Set(n => n.LeaseUntil, StoredTime.ToTicks(leaseUntil)).Inc(n => n.Attempts, 1),
            new FindOneAndUpdateOptions<NotificationDocument> { ReturnDocument = ReturnDocument.After }, ct);
        return leased?.ToNotification();
    }

    public async Task<bool> RenewLeaseAsync(string workId, string target, string owner, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var renewed = await notifications.UpdateOneAsync(Held(workId, target, owner),
            Update.Set(n => n.LeaseUntil, StoredTime.ToTicks(leaseUntil)), cancellationToken: ct);
        return renewed.MatchedCount == 1;
    }

    public async Task<bool> MarkSentAsync(string workId, string target, string owner, string channel, string messageTs, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var sent = await notifications.UpdateOneAsync(Held(workId, target, owner),
            Update.Set(n => n.Status, NotificationStatus.Sent).Set(n => n.Channel, channel).Set(n => n.MessageTs, messageTs)
                .Set(n => n.Error, null).Set(n => n.LeaseOwner, null).Set(n => n.LeaseUntil, null),
            cancellationToken: ct);
        return sent.MatchedCount == 1;
    }

    public async Task<bool> SetHeadingAsync(string workId, string target, string owner, string heading, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var set = await notifications.UpdateOneAsync(Held(workId, target, owner), Update.Set(n => n.Heading, heading), cancellationToken: ct);
        return set.MatchedCount == 1;
    }

    public async Task<bool> MarkFailedAsync(string workId, string target, string owner, string error, DateTimeOffset? retryAt, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var update = Update.Set(n => n.Status, retryAt is null ? NotificationStatus.Failed : NotificationStatus.Pending).Set(n => n.Error, error)
            .Set(n => n.LeaseOwner, null).Set(n => n.LeaseUntil, null);
        if (retryAt is { } retry)
            update = update.Set(n => n.HoldUntil, StoredTime.ToTicks(retry)).Set(n => n.DueAt, StoredTime.ToTicks(retry));
        var failed = await notifications.UpdateOneAsync(Held(workId, target, owner), update, cancellationToken: ct);
        return failed.MatchedCount == 1;
    }

    // The entry as long as this owner holds its lease: the fence for every write after a post.
    private static FilterDefinition<NotificationDocument> Held(string workId, string target, string owner) =>
        Builders<NotificationDocument>.Filter.Where(n => n.WorkId == workId && n.Target == target
            && n.Status == NotificationStatus.Pending && n.LeaseOwner == owner);

    public async Task<bool> TryReopenAsync(Notification seen, Notification reopened, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var updated = await notifications.UpdateOneAsync(
            n => n.WorkId == seen.WorkId && n.Target == seen.Target && n.Status == seen.Status && n.Status != NotificationStatus.Sent
                && n.UserId == seen.UserId && n.Attempts == seen.Attempts && n.LeaseOwner == null,
            Update.Set(n => n.UserId, reopened.UserId).Set(n => n.CrawlRunId, reopened.CrawlRunId.ToString())
                .Set(n => n.Status, reopened.Status).Set(n => n.Attempts, reopened.Attempts)
                .Set(n => n.CreatedAt, StoredTime.ToTicks(reopened.CreatedAt))
                .Set(n => n.HoldUntil, reopened.HoldUntil is { } hold ? StoredTime.ToTicks(hold) : null)
                .Set(n => n.Error, reopened.Error).Set(n => n.ExplorationProbability, reopened.ExplorationProbability)
                .Set(n => n.Heading, reopened.Heading).Set(n => n.DueAt, StoredTime.ToTicks(reopened.DueAt))
                .Set(n => n.Channel, null).Set(n => n.MessageTs, null),
            cancellationToken: ct);
        return updated.MatchedCount == 1;
    }

    public async Task<Notification?> FindAsync(string workId, string target, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var found = await notifications.Find(n => n.WorkId == workId && n.Target == target).FirstOrDefaultAsync(ct);
        return found?.ToNotification();
    }

    public async Task<Notification?> FindByMessageAsync(string channel, string messageTs, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var found = await notifications.Find(n => n.Channel == channel && n.MessageTs == messageTs).FirstOrDefaultAsync(ct);
        return found?.ToNotification();
    }

    public async Task<IReadOnlyList<Notification>> ListRunAsync(string userId, Guid crawlRunId, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var run = crawlRunId.ToString();
        var found = await notifications.Find(n => n.UserId == userId && n.CrawlRunId == run)
            .SortBy(n => n.CreatedAt).ThenBy(n => n.WorkId).ThenBy(n => n.Target).ToListAsync(ct);
        return found.Select(n => n.ToNotification()).ToList();
    }

    public async Task<IReadOnlyList<Notification>> ListDueAsync(DateTimeOffset dueBy, Notification? after, int limit, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        // Pending entries an earlier version (or a replica not upgraded yet) stored have no due time: given theirs first,
        // once per sweep (its first page), not per page. The (status, due, …) index finds them; once every entry has one,
        // this reads nothing.
        if (after is null)
            foreach (var old in await notifications.Find(n => n.Status == NotificationStatus.Pending && n.DueAt == null).ToListAsync(ct))
                await notifications.UpdateOneAsync(n => n.Id == old.Id && n.DueAt == null,
                    Update.Set(n => n.DueAt, old.HoldUntil ?? old.CreatedAt), cancellationToken: ct);
        var filter = Builders<NotificationDocument>.Filter;
        var due = filter.Eq(n => n.Status, NotificationStatus.Pending) & filter.Lte(n => n.DueAt, StoredTime.ToTicks(dueBy));
        if (after is not null)
        {
            // After (due, created, work, target) in the sort order, which the (status, due, created, work, target) index serves.
            var (at, created) = (StoredTime.ToTicks(after.DueAt), StoredTime.ToTicks(after.CreatedAt));
            var same = filter.Eq(n => n.DueAt, at) & filter.Eq(n => n.CreatedAt, created);
            due &= filter.Gt(n => n.DueAt, at)
                | (filter.Eq(n => n.DueAt, at) & filter.Gt(n => n.CreatedAt, created))
                | (same & filter.Gt(n => n.WorkId, after.WorkId))
                | (same & filter.Eq(n => n.WorkId, after.WorkId) & filter.Gt(n => n.Target, after.Target));
        }
        var found = await notifications.Find(due).SortBy(n => n.DueAt).ThenBy(n => n.CreatedAt).ThenBy(n => n.WorkId).ThenBy(n => n.Target)
            .Limit(limit).ToListAsync(ct);
        return found.Select(n => n.ToNotification()).ToList();
    }

    public async Task<IReadOnlyList<string>> ListWorkIdsAsync(string userId, NotificationStatus status, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var found = await notifications.Find(n => n.UserId == userId && n.Status == status).ToListAsync(ct);
        return [.. found.Select(n => n.WorkId).Distinct().Order(StringComparer.Ordinal)];
    }

    public async Task<long> CountAsync(NotificationStatus status, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        return await notifications.CountDocumentsAsync(n => n.Status == status, cancellationToken: ct);
    }

    public async Task<IReadOnlyList<Notification>> ListAsync(NotificationStatus? status = null, int limit = 100, string? userId = null, CancellationToken ct = default)
    {
        var notifications = await _notifications.ReadyAsync(ct);
        var filter = Builders<NotificationDocument>.Filter.Empty;
        if (status is { } only) filter &= Builders<NotificationDocument>.Filter.Eq(n => n.Status, only);
        if (userId is not null) filter &= Builders<NotificationDocument>.Filter.Eq(n => n.UserId, userId);
        var found = await notifications.Find(filter).SortByDescending(n => n.CreatedAt).ThenBy(n => n.WorkId).ThenBy(n => n.Target)
            .Limit(limit).ToListAsync(ct);
        return found.Select(n => n.ToNotification()).ToList();
    }
}
