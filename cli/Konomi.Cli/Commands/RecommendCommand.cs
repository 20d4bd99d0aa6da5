using System.CommandLine;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Inference;
using Konomi.Labelling;
using Konomi.Storage;
using Konomi.Storage.Ports;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi recommend</c>: the stored works a user has neither labelled nor been sent, ranked by how they
/// score now (their model, else preferences or popularity), with the reasons and the nearest liked work.
/// </summary>
public static class RecommendCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "For whom", DefaultValueFactory = _ => UserSeeding.DefaultUserId };
        var top = new Option<int>("--top") { Description = "How many to print", DefaultValueFactory = _ => 10 }.MustBe(n => n >= 1, "at least 1");
        var poolSize = new Option<int>("--pool") { Description = "Newest stored works considered", DefaultValueFactory = _ => 2000 }.MustBe(n => n >= 1, "at least 1");
        var dataDir = CommonOptions.DataDir();
        var command = new Command("recommend", "Rank the stored works a user has not labelled or been sent, with reasons") { user, top, poolSize, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var builder = CommandHost.CreateBuilder(parse.GetValue(dataDir));
            builder.AddInference();
            using var host = builder.Build();
            var services = host.Services;
            var userId = parse.GetValue(user)!;
            var profile = await KnownUsers.RequireAsync(services.GetRequiredService<IUserStore>(), userId, ct);
            var ranked = await services.GetRequiredService<Recommendations>().RankAsync(profile, parse.GetValue(top), parse.GetValue(poolSize), ct);
            if (ranked.Count == 0)
            {
                Console.WriteLine($"Nothing new for {userId}: every stored work is labelled or was sent. Crawl more with `konomi run --once`.");
                return 0;
            }
            // Every score of a user no model serves carries the same why: said once, above the list.
            if (ranked[0].Score.NoModel is { } noModel)
                Console.WriteLine($"no model serves {userId}: {noModel}; ranked by the cold start (popularity and preferences)");
            var rank = 0;
            foreach (var (work, score, similar) in ranked)
                Print(++rank, work, score, similar);
            return 0;
        });
        return Cli.Example(command, "konomi recommend --user me --top 5");
    }

    static void Print(int rank, Work work, WorkScored score, ScoreReason? similar)
    {
        var verdict = score.Liked switch { true => "liked", false => "not liked", null => "no verdict" };
        Console.WriteLine($"{rank,3}. {work.Id} {work.Title}");
        Console.WriteLine($"     score {score.Score:0.000} (threshold {score.Threshold:0.000}) {verdict}; {score.ModelId}" + (score.ModelVersion > 0 ? $" v{score.ModelVersion}" : ""));
        // The scorer already names the nearest liked work for a model's liked verdict; the command adds it for the rest.
        var named = similar is null || score.Reasons.Any(r => r.Source == LikedNeighbours.Source);
        foreach (var reason in (named ? score.Reasons : [.. score.Reasons, similar!]).Where(r => r.Source != WorkScored.NoModelSource))
            Console.WriteLine($"     {Figures.Signed(reason.Weight),7}  {reason.Text}");
        Console.WriteLine($"     {work.Url}");
    }
}
