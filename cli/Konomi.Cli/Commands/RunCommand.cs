using System.CommandLine;
using System.Text.Json;
using Konomi.Crawler;
using Konomi.Web;
using MassTransit;

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
        var dataDir = CommonOptions.DataDir();
        var baseUrl = CommonOptions.BaseUrl();
        var command = new Command("run", "Run crawler, inference, trainer, notifier and feedback in one process") { once, dataDir, baseUrl };
        command.SetAction(async (parse, ct) =>
        {
            var single = parse.GetValue(once);
            var overrides = new Dictionary<string, string?>();
            if (single) overrides["Crawler:ScheduleEnabled"] = "false";
            await using var app = AllInOne.CreateBuilder(parse.GetValue(dataDir), parse.GetValue(baseUrl), overrides).Build();
            app.MapKonomiEndpoints();
            app.MapKonomiWeb();
            if (!single)
            {
                await app.RunAsync(ct);
                return 0;
            }

            await app.StartAsync(ct);
            var drain = PipelineDrain.Attach(app.Services.GetRequiredService<IBus>());
            var report = await app.Services.GetRequiredService<CrawlCycle>().RunOnceAsync(ct);
            await drain.WaitAsync(quiet: TimeSpan.FromSeconds(2), timeout: TimeSpan.FromMinutes(10), ct);
            await app.StopAsync(ct);
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, JsonSerializerOptions.Web));
            return report.ListingPages == 0 && report.Errors.Count > 0 ? 1 : 0;
        });
        return command;
    }
}
