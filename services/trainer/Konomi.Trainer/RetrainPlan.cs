using Konomi.Labelling;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// Debounces feedback into retraining: a user is due once <see cref="TrainerOptions.MinNewLabels"/> labels
/// arrived since they were last trained, or once they stopped clicking for <see cref="TrainerOptions.Debounce"/>.
/// In memory on purpose: what a restart forgets, the scheduled retraining catches up. A user whose serving version
/// inference cannot use is due at once instead (<see cref="Replace"/>): no click is coming to wait for; what a restart
/// forgets of those, inference's hourly repeat of the report brings back.
/// </summary>
public sealed class RetrainPlan(IOptions<TrainerOptions> options, TimeProvider time)
{
    readonly Dictionary<string, PendingLabels> _pending = [];
    readonly HashSet<string> _replacing = [];
    // The last broken version each user was due for: each inference replica reports it once, then hourly while it serves.
    readonly Dictionary<string, int> _replaced = [];
    readonly Lock _lock = new();

    public void Feedback(string userId)
    {
        lock (_lock)
        {
            _pending.TryGetValue(userId, out var pending);
            _pending[userId] = new PendingLabels((pending?.Count ?? 0) + 1, time.GetUtcNow());
        }
    }

    /// <summary>Users due for retraining now; they leave the plan until their next feedback.</summary>
    public IReadOnlyList<string> TakeDue()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var due = _pending
                .Where(p => p.Value.Count >= options.Value.MinNewLabels || now - p.Value.LastAt >= options.Value.Debounce)
                .Select(p => p.Key)
                .ToList();
            foreach (var user in due)
                _pending.Remove(user);
            return due;
        }
    }

    /// <summary>
    /// The user's serving <paramref name="version"/> cannot be used: they are due at the next look, labels or not, once
    /// per version. False when this version was already due (another batch or inference replica met it too).
    /// </summary>
    public bool Replace(string userId, int version)
    {
        lock (_lock)
        {
            if (_replaced.TryGetValue(userId, out var due) && due == version)
                return false;
            _replaced[userId] = version;
            _replacing.Add(userId);
            return true;
        }
    }

    /// <summary>Users whose serving version is to be replaced; they leave the plan until another version breaks.</summary>
    public IReadOnlySet<string> TakeReplacements()
    {
        lock (_lock)
        {
            var due = _replacing.ToHashSet();
            _replacing.Clear();
            return due;
        }
    }

    /// <summary>The user's replacement failed to train: the next report of the same version makes them due again.</summary>
    public void ReplacementFailed(string userId)
    {
        lock (_lock) _replaced.Remove(userId);
    }

    sealed record PendingLabels(int Count, DateTimeOffset LastAt);
}
