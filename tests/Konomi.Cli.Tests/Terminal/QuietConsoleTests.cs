using System.Net;
using System.Net.Sockets;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Terminal;

/// <summary>What a person sees at the console: a banner, one line per expected failure, no stack traces.</summary>
public class QuietConsoleTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A whole crawl cycle against an origin that refuses every connection, on the crawler's own schedule made fast
    /// (retry backoff 10 ms instead of 30 s): the cycle's summary line is the marker. With the default backoff the
    /// same cycle takes more than 60 s, so this bounds what the first 60 s of a real `konomi run` print.
    /// </summary>
    [Fact]
    public async Task Run_with_DLsite_unreachable_prints_a_banner_and_one_line_per_failed_request_without_stack_traces()
    {
        var unreachable = $"http://127.0.0.1:{FreePort.Next()}/";
        var port = FreePort.Next();
        using var process = KonomiCli.Start(["run", "--port", port.ToString(), "--data-dir", WorkFormatTests.NewDataDir(), "--base-url", unreachable],
            new Dictionary<string, string?> { ["Crawler__Retry__BaseDelay"] = "00:00:00.010", ["Crawler__MinimumDelay"] = "00:00:00" });
        var lines = new List<string>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains(" listing pages, ")) break;
            }
            // A /metrics scrape and a health probe must not add lines either.
            using var http = new HttpClient();
            (await http.GetAsync($"http://127.0.0.1:{port}/metrics", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await http.GetAsync($"http://127.0.0.1:{port}/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
        lines.AddRange((await process.StandardError.ReadToEndAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var all = string.Join('\n', lines);

        lines.Last(l => l.Contains(" listing pages, ")).ShouldContain("0 listing pages");
        lines.Count.ShouldBeLessThan(25, all);
        lines.ShouldNotContain(l => l.TrimStart().StartsWith("at ") || l.Contains("Exception"), all);
        lines.ShouldNotContain(l => l.Contains("info:") || l.Contains("Request starting") || l.Contains("/metrics"), all);
        lines.ShouldContain($"konomi is running on http://127.0.0.1:{port}  (Ctrl+C stops)", all);
        lines.ShouldContain(l => l.StartsWith("  slack    off"), all);
        var retries = lines.Where(l => l.Contains("next try in")).ToList();
        retries.ShouldNotBeEmpty(all);
        retries.ShouldAllBe(l => l.Contains("unreachable (no connection"));
    }

    [Fact]
    public async Task A_busy_port_is_one_line_naming_the_port_and_the_way_out()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await KonomiCli.RunAsync(["run", "--port", port.ToString(), "--data-dir", WorkFormatTests.NewDataDir()], ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldNotContain("   at ");
        result.Error.Trim().ShouldBe($"konomi: 127.0.0.1:{port} is already in use: another program (another konomi?) listens there; stop it or choose a port with `konomi run --port N`.");
    }
}
