using System.CommandLine;
using Konomi.Hosting;

namespace Konomi.Cli.Commands;

/// <summary><c>konomi run</c>: all services in one process until Ctrl+C.</summary>
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
            var app = AllInOne.CreateBuilder(parse.GetValue(dataDir), parse.GetValue(baseUrl)).Build();
            app.MapDefaultEndpoints();
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
