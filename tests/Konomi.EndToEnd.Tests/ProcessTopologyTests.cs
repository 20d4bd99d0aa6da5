namespace Konomi.EndToEnd.Tests;

public class ProcessTopologyTests
{
    [Fact]
    public async Task Every_host_runs_as_its_own_process_and_is_ready_again_after_a_kill_and_a_broker_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pipeline = await Pipeline.StartAsync("topology", new Dictionary<string, string?>(), Pipeline.Services, ct);

        Pipeline.Services.Select(s => pipeline[s].Id).Distinct().Count().ShouldBe(Pipeline.Services.Length);

        var crashed = pipeline["inference"].Id;
        pipeline.Crash("inference");
        await pipeline.StartServiceAsync("inference", ct);
        pipeline["inference"].Id.ShouldNotBe(crashed);

        await pipeline.RestartBrokerAsync(TimeSpan.FromSeconds(2), ct);
        foreach (var service in Pipeline.Services)
            pipeline[service].HasExited.ShouldBeFalse(pipeline.LogTail(40));
    }
}
