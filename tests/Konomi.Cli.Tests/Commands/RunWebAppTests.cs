using System.Diagnostics;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary><c>konomi run</c> serves the web app at <c>/</c> next to its other endpoints.</summary>
public class RunWebAppTests
{
    [Fact]
    public async Task Run_serves_the_web_app_at_the_root()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Directory.CreateTempSubdirectory("konomi-run-web-").FullName;
        var port = FreePort.Next();
        var dll = Path.Combine(Repository.Root, "cli", "Konomi.Cli", "bin", Repository.Configuration, "net10.0", "konomi.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "run", "--data-dir", dataDir, "--base-url", $"http://127.0.0.1:{FreePort.Next()}/"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(ct);
        _ = process.StandardError.ReadToEndAsync(ct);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            string? page = null;
            for (var attempt = 0; attempt < 300 && page is null && !process.HasExited; attempt++)
            {
                try
                {
                    using var response = await http.GetAsync("/", ct);
                    if (response.IsSuccessStatusCode) page = await response.Content.ReadAsStringAsync(ct);
                }
                catch (HttpRequestException) { }
                if (page is null) await Task.Delay(200, ct);
            }

            page.ShouldNotBeNull("konomi run never answered on /");
            page.ShouldContain("Today's picks");
            (await http.GetAsync("/assets/vendor/htmx.min.js", ct)).IsSuccessStatusCode.ShouldBeTrue();
            (await http.GetAsync("/health/live", ct)).IsSuccessStatusCode.ShouldBeTrue();
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
        }
    }
}
