using System.Diagnostics;

namespace Konomi.EndToEnd.Tests;

/// <summary>
/// The test broker node tests/infra.sh started (<c>RABBITMQ_NODENAME</c>), driven with rabbitmqctl: the
/// management API is not enabled there, and stopping the app is what a broker restart looks like to clients.
/// </summary>
public static class RabbitNode
{
    static string Node => Environment.GetEnvironmentVariable("RABBITMQ_NODENAME")
        ?? throw new InvalidOperationException("RABBITMQ_NODENAME is not set: run through tests/e2e/run.sh, which sources tests/infra.sh.");

    /// <summary>A private virtual host per scenario, so no scenario sees another's queues.</summary>
    public static async Task AddVirtualHostAsync(string name, CancellationToken ct)
    {
        await CtlAsync(ct, "add_vhost", name);
        await CtlAsync(ct, "set_permissions", "-p", name, "guest", ".*", ".*", ".*");
    }

    public static Task DeleteVirtualHostAsync(string name, CancellationToken ct) => CtlAsync(ct, "delete_vhost", name);

    /// <summary>Stops the broker application: every connection drops, queues stay (they are durable).</summary>
    public static Task StopAsync(CancellationToken ct) => CtlAsync(ct, "stop_app");

    public static async Task StartAsync(CancellationToken ct)
    {
        await CtlAsync(ct, "start_app");
        await CtlAsync(ct, "await_startup");
    }

    /// <summary>
    /// Raises the broker's memory alarm (a high watermark of 0): every connection that publishes is blocked,
    /// while consumers still receive, so a consumer's work can be done and stored but its messages cannot
    /// leave. Disposing lowers the alarm (the default watermark, 0.4) and publishing resumes.
    /// </summary>
    public static async Task<IAsyncDisposable> BlockPublishersAsync(CancellationToken ct)
    {
        await CtlAsync(ct, "set_vm_memory_high_watermark", "0");
        return new PublishersBlocked();
    }

    sealed class PublishersBlocked : IAsyncDisposable
    {
        // Lowered even when the scenario was cancelled: a broker left blocked would stall every later scenario.
        public async ValueTask DisposeAsync() => await CtlAsync(CancellationToken.None, "set_vm_memory_high_watermark", "0.4");
    }

    /// <summary>Messages per queue in the virtual host, ready or delivered and not yet acknowledged.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(string virtualHost, CancellationToken ct)
    {
        var output = await CtlAsync(ct, "list_queues", "-p", virtualHost, "-q", "--no-table-headers", "name", "messages");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2 && long.TryParse(parts[1], out _))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1]));
    }

    static async Task<string> CtlAsync(CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo("rabbitmqctl", ["-n", Node, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmqctl did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
