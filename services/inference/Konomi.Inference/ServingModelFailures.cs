using Konomi.Contracts;

namespace Konomi.Inference;

/// <summary>
/// The broken serving versions this process has reported (<see cref="ServingModelFailed"/>): each once, however many
/// batches meet it (every crawl scores one), and again when a batch meets it <see cref="ReportAgainAfter"/> or more
/// after its last report. The trainer keeps the plan to replace a version in memory, so a trainer restarted between a
/// report and its training (or a training that failed) would otherwise leave the user on cold start until their next
/// label; the trainer takes a repeat of a version it is already replacing as nothing new. One version is kept per user:
/// a report is about what serves now, and a version that stopped serving is not met again.
/// </summary>
public sealed class ServingModelFailures(TimeProvider time)
{
    /// <summary>Long enough that a trainer busy replacing the version is not asked again and again, short beside a user's wait.</summary>
    public static readonly TimeSpan ReportAgainAfter = TimeSpan.FromHours(1);

    readonly Dictionary<string, (int Version, DateTimeOffset At)> _reported = [];
    readonly Lock _lock = new();

    /// <summary>True the first time this user's version is met broken, and when its last report is an hour old: it is to be reported.</summary>
    public bool Claim(UnloadableModelException unusable)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_reported.TryGetValue(unusable.UserId, out var last) && last.Version == unusable.Version && now - last.At < ReportAgainAfter)
                return false;
            _reported[unusable.UserId] = (unusable.Version, now);
            return true;
        }
    }

    /// <summary>A claimed report was not sent (its batch failed and will be retried): the next meeting reports it.</summary>
    public void Release(ServingModelFailed report)
    {
        lock (_lock)
        {
            if (_reported.TryGetValue(report.UserId, out var last) && last.Version == report.Version)
                _reported.Remove(report.UserId);
        }
    }
}
