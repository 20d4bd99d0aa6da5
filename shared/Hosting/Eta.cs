namespace Konomi.Hosting;

/// <summary>
/// The time a long job has left at the pace it has kept since this was made, read on <paramref name="time"/>
/// so a FakeTimeProvider drives it in tests.
/// </summary>
public sealed class Eta(TimeProvider time)
{
    readonly long _started = time.GetTimestamp();

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    /// <summary>Null until something is done: no pace, no honest guess.</summary>
    public TimeSpan? Remaining(double done, double total) =>
        done <= 0 ? null : Elapsed * (Math.Max(0, total - done) / done);

    /// <summary>"ETA 5 h 10 min", "ETA 40 s", "ETA unknown" before any pace is known, and "took 12 s" once all is done.</summary>
    public string Describe(double done, double total) =>
        done >= total && total > 0 ? $"took {Format(Elapsed)}"
        : Remaining(done, total) is { } left ? $"ETA {Format(left)}" : "ETA unknown";

    /// <summary>A span as a person says it: "7 h", "6 h 47 min", "41 min", "10 s", "0.05 s".</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(10)) return FormattableString.Invariant($"{span.TotalSeconds:0.##} s");
        if (span < TimeSpan.FromMinutes(1)) return $"{Math.Round(span.TotalSeconds):0} s";
        var minutes = (long)Math.Round(span.TotalMinutes);
        return minutes < 60 ? $"{minutes} min"
            : minutes % 60 == 0 ? $"{minutes / 60} h"
            : $"{minutes / 60} h {minutes % 60} min";
    }
}
