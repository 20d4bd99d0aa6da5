namespace Konomi.Testing;

/// <summary>Waits for something the code under test makes true in its own time (another thread, another process).</summary>
public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails after <paramref name="within"/> (ten seconds unless given).</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        NothingMissingAsync(async () => await condition() ? null : what, within ?? TimeSpan.FromSeconds(10), context: null, CancellationToken.None);

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
