using System.Collections.Concurrent;
using Konomi.Contracts;
using MassTransit;

namespace Konomi.EndToEnd.Tests;

/// <summary>
/// Every <see cref="WorkScored"/> and <see cref="FeedbackReceived"/> the services published, seen from the
/// test process through queues of its own bound to those exchanges on the real broker (a fan-out copy,
/// so the services' own queues are untouched). What the test publishes itself is left out.
/// </summary>
public sealed class BrokerWitness
{
    readonly ConcurrentDictionary<(string WorkId, string UserId), int> _scored = new();
    readonly ConcurrentDictionary<(string UserId, string WorkId, bool Interested), int> _feedback = new();

    public int Scored(string workId, string userId) => _scored.GetValueOrDefault((workId, userId));

    /// <summary>FeedbackReceived for a user and work, with either answer.</summary>
    public int Feedback(string userId, string workId) =>
        _feedback.GetValueOrDefault((userId, workId, true)) + _feedback.GetValueOrDefault((userId, workId, false));

    public int Feedback(string userId, string workId, bool interested) => _feedback.GetValueOrDefault((userId, workId, interested));

    public int FeedbackTotal => _feedback.Values.Sum();

    internal void Saw(WorkScored score) => _scored.AddOrUpdate((score.WorkId, score.UserId), 1, (_, n) => n + 1);

    internal void Saw(FeedbackReceived feedback) =>
        _feedback.AddOrUpdate((feedback.UserId, feedback.WorkId, feedback.Interested), 1, (_, n) => n + 1);

    /// <summary>Whether a message came from a service rather than from the test's own bus.</summary>
    internal static bool FromAService(ConsumeContext context, IBus outside) => context.SourceAddress != outside.Address;
}
