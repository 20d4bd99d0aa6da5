using System.Diagnostics;
using Konomi.Emulators.Slack;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The newcomer's first mistakes with <c>konomi run</c>: each is one line, and the run already going is untouched.</summary>
public class RunCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_run_on_the_same_store_is_refused_in_one_line_and_the_first_runs_on()
    {
        var dataDir = WorkFormatTests.NewDataDir();
        var port = FreePort.Next();
        using var first = await StartRunAsync(dataDir, port);
        try
        {
            var second = await KonomiCli.RunAsync(["run", "--port", FreePort.Next().ToString(), "--data-dir", dataDir, "--base-url", Unreachable()], ct: Ct);

            second.ExitCode.ShouldBe(1, second.Error);
            second.Error.Trim().ShouldBe($"konomi: another `konomi run` or `konomi crawl` is already using {dataDir}: stop it (Ctrl+C) first, or give this one its own --data-dir.");
            using var http = new HttpClient();
            (await http.GetAsync($"http://127.0.0.1:{port}/health/live", Ct)).IsSuccessStatusCode.ShouldBeTrue();
        }
        finally
        {
            first.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_crawl_beside_a_run_on_the_same_store_is_refused_in_one_line()
    {
        var dataDir = WorkFormatTests.NewDataDir();
        using var run = await StartRunAsync(dataDir, FreePort.Next());
        try
        {
            var crawl = await KonomiCli.RunAsync(["crawl", "--once", "--data-dir", dataDir, "--base-url", Unreachable()], ct: Ct);

            crawl.ExitCode.ShouldBe(1, crawl.Error);
            crawl.Error.ShouldContain($"konomi: another `konomi run` or `konomi crawl` is already using {dataDir}");
        }
        finally
        {
            run.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_port_taken_by_another_konomi_run_is_one_line_naming_the_port()
    {
        var port = FreePort.Next();
        using var first = await StartRunAsync(WorkFormatTests.NewDataDir(), port);
        try
        {
            // As `konomi run` with no --port: the port comes from the configuration (127.0.0.1:5080 by default).
            var second = await KonomiCli.RunAsync(["run", "--data-dir", WorkFormatTests.NewDataDir(), "--base-url", Unreachable()],
                new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" }, ct: Ct);

            second.ExitCode.ShouldBe(1, second.Error);
            second.Error.Trim().ShouldBe($"konomi: 127.0.0.1:{port} is already in use: another program (another konomi?) listens there; stop it or choose a port with `konomi run --port N`.");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Ctrl_C_during_the_crawl_of_run_once_stops_it_without_a_failure_line()
    {
        // The retry waits far longer than the test: the crawl is surely in progress when Ctrl+C comes.
        using var process = KonomiCli.Start(["run", "--once", "--port", FreePort.Next().ToString(), "--data-dir", WorkFormatTests.NewDataDir(), "--base-url", Unreachable()],
            new Dictionary<string, string?> { ["Crawler__Retry__BaseDelay"] = "00:04:00", ["Crawler__MinimumDelay"] = "00:00:00" });
        var lines = new List<string>();
        try
        {
            while (await process.StandardError.ReadLineAsync(Ct) is { } line)
            {
                lines.Add(line);
                if (line.Contains("next try in")) break;
            }
            lines.ShouldContain(l => l.Contains("next try in"), string.Join('\n', lines));

            Interrupt(process.Id).ShouldBe(0);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            lines.AddRange((await process.StandardError.ReadToEndAsync(timeout.Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        var all = string.Join('\n', lines);
        lines.ShouldNotContain(l => l.Contains("BackgroundService") || l.Contains(" FAIL ") || l.Contains(" error "), all);
    }

    // Crawler:Interval is checked by two validators: the line says it once.
    [Theory]
    [InlineData("Trainer__Folds", "1", "konomi: configuration: Trainer:Folds must be at least 2")]
    [InlineData("Crawler__Interval", "-00:01:00", "konomi: configuration: Crawler:Interval must be positive.")]
    public async Task A_setting_out_of_range_stops_run_in_one_line_naming_the_key(string variable, string value, string message)
    {
        var result = await KonomiCli.RunAsync(["run", "--port", FreePort.Next().ToString(), "--data-dir", WorkFormatTests.NewDataDir(), "--base-url", Unreachable()],
            new Dictionary<string, string?> { [variable] = value }, ct: Ct);

        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.Trim().ShouldBe(message);
    }

    // The banner says how clicks will be heard as the feedback service hears them: by Feedback:Mode, not by which secret is set.
    [Theory]
    [InlineData("socket", true, false, "clicks over Socket Mode")]
    [InlineData("socket", false, true, "clicks not heard: no Slack__AppToken for Socket Mode (or Feedback__Mode=http with Slack__SigningSecret)")]
    [InlineData("http", true, true, "clicks over HTTP at http://127.0.0.1:{port}/slack/interactions")]
    [InlineData("http", true, false, "clicks refused: Feedback:Mode is http but Slack__SigningSecret is not set")]
    public async Task The_banner_says_how_clicks_are_heard_by_the_feedback_mode(string mode, bool appToken, bool signingSecret, string clicks)
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);
        var port = FreePort.Next();
        using var process = KonomiCli.Start(["run", "--port", port.ToString(), "--data-dir", WorkFormatTests.NewDataDir(), "--base-url", Unreachable()],
            new Dictionary<string, string?>
            {
                ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString(), ["Slack__BotToken"] = slack.BotToken, ["Feedback__Mode"] = mode,
                ["Slack__AppToken"] = appToken ? slack.AppToken : null, ["Slack__SigningSecret"] = signingSecret ? "8f742231b10e8888abcd99yyyzzz85a5" : null,
            });
        _ = process.StandardOutput.ReadToEndAsync(Ct);
        string? line;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            while ((line = await process.StandardError.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("  slack", StringComparison.Ordinal))
            {
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }

        line.ShouldBe($"  slack    on: posting via {slack.ApiBaseUrl}, {clicks.Replace("{port}", port.ToString())}");
    }

    static string Unreachable() => $"http://127.0.0.1:{FreePort.Next()}/";

    /// <summary>A <c>konomi run</c> answering on <paramref name="port"/>, its crawl waiting on an origin that refuses.</summary>
    static async Task<Process> StartRunAsync(string dataDir, int port)
    {
        var process = KonomiCli.Start(["run", "--port", port.ToString(), "--data-dir", dataDir, "--base-url", Unreachable()]);
        _ = process.StandardOutput.ReadToEndAsync(Ct);
        _ = process.StandardError.ReadToEndAsync(Ct);
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 300 && !process.HasExited; attempt++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/health/live", Ct)).IsSuccessStatusCode) return process;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200, Ct);
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("the first konomi run never answered");
    }

    /// <summary>Ctrl+C: SIGINT to the process, as a terminal sends it.</summary>
    static int Interrupt(int pid)
    {
        using var kill = Process.Start("kill", ["-INT", pid.ToString()]);
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
