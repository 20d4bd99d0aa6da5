namespace Konomi.Testing;

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails after ten seconds.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Still not true after 10 s: " + what);
            await Task.Delay(20);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what) => HoldsAsync(() => Task.FromResult(condition()), what);
}
