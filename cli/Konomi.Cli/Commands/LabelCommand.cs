using System.CommandLine;
using Konomi.Cli.Labelling;
using Konomi.Hosting;
using Konomi.Labelling;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Spectre.Console;

namespace Konomi.Cli.Commands;

/// <summary><c>konomi label</c>: answer 興味あり/別に about stored works in the terminal; every answer is a label at once.</summary>
public static class LabelCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "Whose labels", DefaultValueFactory = _ => UserSeeding.DefaultUserId };
        var pool = new Option<string>("--pool") { Description = "newest, search:<text> or genre:<genre>", DefaultValueFactory = _ => "newest" }
            .Check(PoolProblem);
        var limit = new Option<int>("--limit") { Description = "Most works taken from the pool", DefaultValueFactory = _ => 200 }
            .MustBe(n => n >= 1, "at least 1");
        var firstScreen = new Option<int?>("--first-screen") { Description = "Questions spread over the pool's circles, voice actors and genres before pool order (Labelling:FirstScreen; 0 = pool order)" }
            .MustBe(n => n is null or >= 0, "0 or more");
        var dataDir = CommonOptions.DataDir();
        var command = new Command("label", $"Label stored works in the terminal ({AnswerKeys.Help}); reads lines when stdin is not a terminal") { user, pool, limit, firstScreen, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var chosen = WorkPool.Parse(parse.GetValue(pool)!);
            var builder = CommandHost.CreateBuilder(parse.GetValue(dataDir), parse.GetValue(firstScreen) is { } size
                ? new Dictionary<string, string?> { [$"{LabellingOptions.Section}:{nameof(LabellingOptions.FirstScreen)}"] = $"{size}" }
                : null);
            builder.Services.AddTasteModels();
            builder.Services.AddLabelling();
            builder.Services.AddSingleton<Annotator>();
            using var host = builder.Build();
            await KnownUsers.RequireOrDefaultAsync(host.Services.GetRequiredService<IUserStore>(), parse.GetValue(user)!, ct);
            var works = await chosen.ListAsync(host.Services.GetRequiredService<IWorkStore>(), parse.GetValue(limit), ct);
            if (works.Count == 0)
                return Cli.Fail(await host.Services.GetRequiredService<IWorkStore>().CountAsync(ct) is var stored and > 0
                    // A search that found nothing in a full store is no reason to crawl.
                    ? $"no stored work matches --pool {parse.GetValue(pool)} ({Figures.Counted(stored, "work")} stored); try another, or leave --pool out to be asked the newest."
                    : "no works stored yet: crawl some first (`konomi run --once` or `konomi crawl --backfill --pages 2`).");
            await host.Services.GetRequiredService<Annotator>()
                .RunAsync(parse.GetValue(user)!, works, AnsiConsole.Console, AnswerKeys.FromConsole(), ct);
            return 0;
        });
        return Cli.Example(command, "konomi label", "konomi label --user alice --pool genre:耳かき", "konomi label --first-screen 0");
    }

    static string? PoolProblem(string spec)
    {
        try
        {
            WorkPool.Parse(spec);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }
}
