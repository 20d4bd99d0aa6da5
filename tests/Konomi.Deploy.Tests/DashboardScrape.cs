[assembly: AssemblyFixture(typeof(Konomi.Deploy.Tests.DashboardScrape))]

namespace Konomi.Deploy.Tests;

/// <summary>
/// The running host's /metrics, scraped once before any test of this assembly starts a bus. MassTransit's metrics
/// are process-wide statics bound to the first bus that starts: once that bus's host is gone, a later bus in the same
/// process exports none of them (seen in CI whenever another in-process bus test ran first). A service process has
/// one bus, so the dashboard test reads what the first bus in a fresh process exports, as a service does.
/// </summary>
public sealed class DashboardScrape : IAsyncLifetime
{
    public string Exposition { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Exposition = await DashboardTests.ScrapeRunningHostAsync(timeout.Token);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
