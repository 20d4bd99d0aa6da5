namespace Konomi.Testing;

/// <summary>Waits for something the code under test makes true in its own time (another thread, another process).</summary>
public static class Eventually
{
    /// <summary>
    /// A minute unless a test says otherwise: this bounds a hang, it does not time the code. A passing condition returns
    /// at once; ten seconds failed a recovery test on a 2-core machine busy with other work.
    /// </summary>
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(60);

    /// <summary>Polls until <paramref name="condition"/> holds; fails after <paramref name="within"/> (<see cref="DefaultWithin"/> unless given).</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        NothingMissingAsync(async () => await condition() ? null : what, within ?? DefaultWithin, context: null, CancellationToken.None);

    /// <summary>As above, with <paramref name="context"/> (the processes' logs, say) on a timeout.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan within, Func<string> context, CancellationToken ct) =>
        NothingMissingAsync(async () => await condition() ? null : what, within, context, ct);

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, within);

    /// <summary>
    /// Polls <paramref name="missing"/>, which returns null when done and otherwise what is still missing; a timeout
    /// fails naming it, followed by <paramref name="context"/> (the processes' logs, say). Polls every 25 ms: a test
    /// that breaks something the moment a condition holds (the end-to-end faults) needs to see it at once.
    /// </summary>
    public static async Task NothingMissingAsync(Func<Task<string?>> missing, TimeSpan within, Func<string>? context, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + within;
        while (await missing() is { } still)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Still not true after {within.TotalSeconds:0} s: {still}{(context is null ? "" : "\n" + context())}");
            await Task.Delay(25, ct);
        }
    }
}
