namespace Konomi.EndToEnd.Tests;

/// <summary>Polls a condition the processes make true in their own time; a timeout fails with what is missing and their logs.</summary>
public static class Eventually
{
    public static Task Async(Func<Task<bool>> condition, TimeSpan timeout, string what, Pipeline pipeline, CancellationToken ct) =>
        Async(async () => await condition() ? null : what, timeout, pipeline, ct);

    /// <summary><paramref name="missing"/> returns null when done, otherwise what is still missing.</summary>
    public static async Task Async(Func<Task<string?>> missing, TimeSpan timeout, Pipeline pipeline, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await missing() is { } still)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {still}\n{pipeline.LogTail(40)}");
            await Task.Delay(300, ct);
        }
    }
}
