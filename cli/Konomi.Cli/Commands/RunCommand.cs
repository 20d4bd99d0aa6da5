using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Konomi.Contracts;
using Konomi.Crawler;
using Konomi.Feedback;
using Konomi.Slack;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Web;
using Microsoft.AspNetCore.Http;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi run</c>: every service in one process until Ctrl+C. <c>--once</c> runs one crawl cycle, waits
/// until every message it caused has been consumed (scored, notified), prints the crawl report, and exits:
/// 0 when the crawl reached DLsite, 1 when no listing page could be read.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Run one crawl cycle end to end, then exit" };
        var port = new Option<int?>("--port") { Description = "Listen on http://127.0.0.1:PORT (default 5080, or ASPNETCORE_URLS)" }
            .MustBe(p => p is null or (>= 1 and <= 65535), "between 1 and 65535");
        var dataDir = CommonOptions.DataDir();
        var baseUrl = CommonOptions.BaseUrl();
        var command = new Command("run", "Run crawler, inference, trainer, notifier and feedback in one process") { once, port, dataDir, baseUrl };
        command.SetAction(async (parse, ct) =>
        {
            var single = parse.GetValue(once);
            var overrides = new Dictionary<string, string?>();
            if (single) overrides["Crawler:ScheduleEnabled"] = "false";
            if (parse.GetValue(port) is { } chosen) overrides["urls"] = $"http://127.0.0.1:{chosen}";
            var builder = AllInOne.CreateBuilder(parse.GetValue(dataDir), parse.GetValue(baseUrl), overrides, mayCreate: true);
            using var store = RunLock.Take(builder.Configuration);
            // Every listener the host will open: CreateBuilder wrote them all to "urls" (the default, --port or ASPNETCORE_URLS).
            foreach (var url in builder.Configuration["urls"]!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (BindingAddress.Parse(url).Port is > 0 and var listening)
                    EnsurePortIsFree(listening);
            await using var app = builder.Build();
            app.MapKonomiEndpoints();
            app.MapKonomiWeb();
            // Settings first: a value out of range is then the one `konomi:` line, not the host's start failing around it.
            app.Services.GetService<IStartupValidator>()?.Validate();
            var startedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            try
            {
                await app.StartAsync(ct);
                await PrintBannerAsync(app, single, ct);
                var drain = single ? PipelineDrain.Attach(app.Services.GetRequiredService<IBus>(), app.Services.GetRequiredService<TimeProvider>()) : null;
                if (AllInOne.UsesInMemoryBus(app.Configuration))
                    await app.Services.GetRequiredService<InterruptedRunRecovery>().RecoverAsync(startedAt, ct);
                if (drain is null)
                {
                    await app.WaitForShutdownAsync(ct);
                    return Cli.Ok;
                }

                var report = await app.Services.GetRequiredService<CrawlCycle>().RunOnceAsync(ct);
                await drain.WaitAsync(quiet: TimeSpan.FromSeconds(2), timeout: TimeSpan.FromMinutes(10), ct);
                await app.StopAsync(ct);
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, KonomiJson.Options));
                return CrawlCommand.Ended(report, app.Services.GetRequiredService<IOptions<CrawlerOptions>>().Value.BaseUrl);
            }
            catch
            {
                // Ctrl+C in --once, or a start that failed: stop before disposing, or every service cancelled by the
                // disposal is logged as a failure ("BackgroundService failed", "stopping the host") above the one line.
                await app.StopAsync(CancellationToken.None);
                throw;
            }
        });
        return Cli.Example(command, "konomi run", "konomi run --port 8080 --data-dir ~/konomi-test", "konomi run --once     # one crawl end to end, then exit");
    }

    /// <summary>
    /// Says in one line that the port is taken before anything starts; Kestrel would say it too, but only after every
    /// service has logged its start and stop around it.
    /// </summary>
    static void EnsurePortIsFree(int port)
    {
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new CliException($"127.0.0.1:{port} is already in use: another program (another konomi?) listens there; stop it or choose a port with `konomi run --port N`.");
        }
    }

    /// <summary>What a person needs to know once it runs: where to look, where the data is, who gets posts, whether Slack is on.</summary>
    static async Task PrintBannerAsync(WebApplication app, bool once, CancellationToken ct)
    {
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var slack = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var users = await app.Services.GetRequiredService<IUserStore>().ListAsync(ct);
        var where = storage.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase)
            ? storage.ExpandedDataDirectory()
            : $"{storage.Provider} (ConnectionStrings:Mongo)";
        var error = Console.Error;
        // --once ends by itself after its cycle: telling to stop it would mislead.
        error.WriteLine($"konomi is running on {string.Join(", ", app.Urls)}  {(once ? "(one crawl cycle, then it exits)" : "(Ctrl+C stops)")}");
        error.WriteLine($"  data     {where}");
        error.WriteLine($"  users    {(users.Count == 0 ? "none" : string.Join(", ", users.Select(u => u.Active ? u.UserId : u.UserId + " (inactive)")))}");
        error.WriteLine(string.IsNullOrWhiteSpace(slack.BotToken)
            ? "  slack    off: posts are printed here (set Slack__BotToken and Slack__AppToken; `konomi slack check` tests them)"
            : $"  slack    on: posting via {slack.ApiBaseUrl}, {Clicks(app.Services.GetRequiredService<IOptions<FeedbackOptions>>().Value, slack, app.Urls)}");
    }

    // As the feedback service will hear them: by Feedback:Mode, whatever else is set.
    static string Clicks(FeedbackOptions feedback, SlackOptions slack, ICollection<string> urls) => feedback.Mode switch
    {
        FeedbackMode.Http when string.IsNullOrWhiteSpace(slack.SigningSecret) =>
            "clicks refused: Feedback:Mode is http but Slack__SigningSecret is not set",
        FeedbackMode.Http => $"clicks over HTTP at {(feedback.PublicUrl ?? urls.First()).TrimEnd('/')}{SlackInteractionsEndpoint.Path}",
        _ when string.IsNullOrWhiteSpace(slack.AppToken) =>
            "clicks not heard: no Slack__AppToken for Socket Mode (or Feedback__Mode=http with Slack__SigningSecret)",
        _ => "clicks over Socket Mode",
    };
}
