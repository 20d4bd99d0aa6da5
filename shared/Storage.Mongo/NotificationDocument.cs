using Konomi.Storage.Ports;
using MongoDB.Bson;

namespace Konomi.Storage.Mongo;

/// <summary>
/// A ledger entry; (work, target) is unique, (channel, message ts) finds it from a click. <see cref="DueAt"/> is
/// <see cref="Notification.DueAt"/>, stored so the sweep's query by due time has an index (null on entries an earlier
/// version stored, until the store gives them theirs).
/// </summary>
public sealed record NotificationDocument(
    ObjectId Id, string WorkId, string Target, string UserId, string CrawlRunId, NotificationStatus Status, int Attempts,
    long CreatedAt, long? HoldUntil, string? Channel, string? MessageTs, string? Error, string? LeaseOwner, long? LeaseUntil,
    double? ExplorationProbability = null, string? Heading = null, long? DueAt = null)
{
    public static NotificationDocument From(Notification n) => new(
        ObjectId.GenerateNewId(), n.WorkId, n.Target, n.UserId, n.CrawlRunId.ToString(), n.Status, n.Attempts,
        StoredTime.ToTicks(n.CreatedAt), n.HoldUntil is { } hold ? StoredTime.ToTicks(hold) : null,
        n.Channel, n.MessageTs, n.Error, n.LeaseOwner, n.LeaseUntil is { } until ? StoredTime.ToTicks(until) : null,
        n.ExplorationProbability, n.Heading, StoredTime.ToTicks(n.DueAt));

    public Notification ToNotification() => new(
        WorkId, Target, UserId, Guid.Parse(CrawlRunId), Status, Attempts, StoredTime.FromTicks(CreatedAt),
        HoldUntil is { } hold ? StoredTime.FromTicks(hold) : null, Channel, MessageTs, Error, LeaseOwner,
        LeaseUntil is { } until ? StoredTime.FromTicks(until) : null, ExplorationProbability, Heading);
}
