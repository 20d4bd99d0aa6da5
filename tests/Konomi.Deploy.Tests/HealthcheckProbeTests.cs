using System.Diagnostics;
using Konomi.Testing;

namespace Konomi.Deploy.Tests;

/// <summary>The images' HEALTHCHECK program against a real host: healthy when it answers, unhealthy when nothing listens.</summary>
public class HealthcheckProbeTests
{
    static readonly string Probe = Path.Combine(Repository.Root, "deploy", "healthcheck", "bin", Repository.Configuration, "net10.0", "konomi-healthcheck.dll");

    [Fact]
    public async Task Probe_exits_0_for_a_live_host_and_1_when_nothing_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var virtualHost = await PrivateVirtualHost.CreateAsync(ct);
        await using var trainer = ServiceProcess.Start("trainer", new Dictionary<string, string?>(virtualHost.Environment())
        {
            ["Storage__Provider"] = "sqlite",
            ["Storage__DataDirectory"] = Directory.CreateTempSubdirectory("konomi-probe-").FullName,
        });
        await trainer.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct);

        (await ProbeAsync(new Uri(trainer.BaseAddress, "health/live").ToString(), ct)).ShouldBe(0);
        (await ProbeAsync($"http://127.0.0.1:{FreePort.Next()}/health/live", ct)).ShouldBe(1);
        (await ProbeAsync(new Uri(trainer.BaseAddress, "no-such-path").ToString(), ct)).ShouldBe(1);
    }

    static async Task<int> ProbeAsync(string url, CancellationToken ct)
    {
        File.Exists(Probe).ShouldBeTrue($"{Probe} missing: build tests/Konomi.Deploy.Tests");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [Probe, url]) { RedirectStandardError = true })!;
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }
}
