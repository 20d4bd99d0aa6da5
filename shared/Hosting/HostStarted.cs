using Microsoft.Extensions.Hosting;

namespace Konomi.Hosting;

public static class HostStarted
{
    /// <summary>
    /// Until every hosted service has started, the bus included (it waits until started): a background service that
    /// publishes at start must not race the bus it publishes to.
    /// </summary>
    public static async Task WaitForStartAsync(this IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(ct);
    }
}
