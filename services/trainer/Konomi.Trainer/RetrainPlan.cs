using Konomi.Labelling;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// Debounces feedback into retraining: a user is due once <see cref="TrainerOptions.MinNewLabels"/> labels
/// arrived since they were last trained, or once they stopped clicking for <see cref="TrainerOptions.Debounce"/>.
/// In memory on purpose: what a restart forgets, the scheduled retraining catches up.
/// </summary>
public sealed class RetrainPlan(IOptions<TrainerOptions> options, TimeProvider time)
{
    readonly Dictionary<string, PendingLabels> _pending = [];
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

    sealed record PendingLabels(int Count, DateTimeOffset LastAt);
}
