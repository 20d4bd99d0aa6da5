namespace Konomi.Testing;

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails after <paramref name="within"/> (ten seconds unless given).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var timeout = within ?? TimeSpan.FromSeconds(10);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Still not true after {timeout.TotalSeconds:0} s: {what}");
            await Task.Delay(20);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, within);
}
