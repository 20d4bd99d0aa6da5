using Konomi.Testing;

namespace Konomi.Hosts.Tests;

/// <summary>Each deployable host, as its own process on the real broker: starts, is ready, stops cleanly.</summary>
public class ServiceHostTests
{
    public static TheoryData<string> Services => ["crawler", "inference", "trainer", "notifier", "feedback"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Host_starts_answers_ready_and_stops_cleanly_on_SIGTERM(string service)
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Directory.CreateTempSubdirectory("konomi-host-").FullName;
        var environment = new Dictionary<string, string?>
        {
            ["RabbitMq__Host"] = Broker.Address.Host,
            ["RabbitMq__Port"] = Broker.Address.Port.ToString(),
            ["Storage__Provider"] = "sqlite",
            ["Storage__DataDirectory"] = dataDir,
            ["Crawler__ScheduleEnabled"] = "false",
        };
        await using var host = ServiceProcess.Start(service, environment);

        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct);
        using (var http = new HttpClient { BaseAddress = host.BaseAddress })
        {
            (await http.GetAsync("health/live", ct)).IsSuccessStatusCode.ShouldBeTrue();
            (await http.GetStringAsync("health/ready", ct)).ShouldContain("masstransit-bus");
            (await http.GetStringAsync("metrics", ct)).ShouldNotBeNullOrWhiteSpace();
        }
        var exitCode = await host.StopAsync(TimeSpan.FromSeconds(45));

        exitCode.ShouldBe(0, host.Output);
    }
}
