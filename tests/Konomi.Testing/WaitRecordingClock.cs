using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Testing;

/// <summary>A <see cref="FakeTimeProvider"/> that also remembers every one-shot wait asked of it, so a test reads the schedule the code chose.</summary>
public sealed class WaitRecordingClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>One-shot timers (Task.Delay, Polly's retry waits) in the order they were started; periodic timers are left out.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Recorded once the timer is on the clock, so a test that advances the clock after seeing it here fires it.
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            _waits.Enqueue(dueTime);
        return timer;
    }
}
