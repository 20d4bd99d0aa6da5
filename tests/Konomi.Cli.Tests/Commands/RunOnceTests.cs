using System.Text.Json;
using Konomi.Emulators.DLsite;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary><c>konomi run --once</c>: the embedded default (in-memory bus, SQLite) for one crawl, end to end.</summary>
public class RunOnceTests
{
    [Fact]
    public async Task Run_once_crawls_the_new_works_then_exits_zero_and_a_second_run_finds_none()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dlsite = await DLsiteEmulator.StartAsync(ct);
        dlsite.AddWorks(3, "maniax");
        dlsite.AddWorks(2, "home");
        var dataDir = Directory.CreateTempSubdirectory("konomi-run-").FullName;
        var environment = Environment(dlsite);

        var first = await KonomiCli.RunAsync(["run", "--once", "--data-dir", dataDir, "--base-url", dlsite.BaseUrl.ToString()], environment, ct: ct);
        var second = await KonomiCli.RunAsync(["run", "--once", "--data-dir", dataDir, "--base-url", dlsite.BaseUrl.ToString()], environment, ct: ct);

        first.ExitCode.ShouldBe(0, first.Error);
        Report(first).GetProperty("newWorks").GetInt32().ShouldBe(5, first.Output);
        second.ExitCode.ShouldBe(0, second.Error);
        Report(second).GetProperty("newWorks").GetInt32().ShouldBe(0, second.Output);
        File.Exists(Path.Combine(dataDir, "konomi.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task Run_once_exits_non_zero_when_DLsite_cannot_be_reached()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Directory.CreateTempSubdirectory("konomi-run-").FullName;
        var unreachable = $"http://127.0.0.1:{FreePort.Next()}/";
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Crawler__MinimumDelay"] = "00:00:00",
            ["Crawler__Retry__BaseDelay"] = "00:00:00.010",
        };

        var result = await KonomiCli.RunAsync(["run", "--once", "--data-dir", dataDir, "--base-url", unreachable], environment, ct: ct);

        result.ExitCode.ShouldBe(1, result.Output + result.Error);
        result.Error.ShouldContain($"konomi: DLsite unreachable ({unreachable})");
    }

    static Dictionary<string, string?> Environment(DLsiteEmulator dlsite)
    {
        var environment = dlsite.Settings().ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        return environment;
    }

    static JsonElement Report(BuiltProgram.Result result) =>
        JsonDocument.Parse(result.Output.Trim().Split('\n')[^1]).RootElement;
}
