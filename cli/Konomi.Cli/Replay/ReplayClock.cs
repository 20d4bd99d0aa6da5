namespace Konomi.Cli.Replay;

/// <summary>The replay's time: the data's arrival times, so label times, cutoffs and the retrain debounce follow the user's history.</summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void MoveTo(DateTimeOffset at)
    {
        if (at > _now) _now = at;
    }
}
