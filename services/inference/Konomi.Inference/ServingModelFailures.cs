using Konomi.Contracts;

namespace Konomi.Inference;

/// <summary>
/// The broken serving versions this process has reported (<see cref="ServingModelFailed"/>): each once, however many
/// batches meet it (every crawl scores one), so the trainer is asked once to replace it. One version is kept per user:
/// a report is about what serves now, and a version that stopped serving is not met again.
/// </summary>
public sealed class ServingModelFailures
{
    readonly Dictionary<string, int> _reported = [];
    readonly Lock _lock = new();

    /// <summary>True the first time this user's version is met broken: it is to be reported.</summary>
    public bool Claim(UnloadableModelException unusable)
    {
        lock (_lock)
        {
            if (_reported.TryGetValue(unusable.UserId, out var version) && version == unusable.Version)
                return false;
            _reported[unusable.UserId] = unusable.Version;
            return true;
        }
    }

    /// <summary>A claimed report was not sent (its batch failed and will be retried): the next meeting reports it.</summary>
    public void Release(ServingModelFailed report)
    {
        lock (_lock)
        {
            if (_reported.TryGetValue(report.UserId, out var version) && version == report.Version)
                _reported.Remove(report.UserId);
        }
    }
}
