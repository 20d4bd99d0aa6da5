using System.CommandLine;
using Konomi.Contracts;
using Konomi.Inference;
using Konomi.Labelling;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.TasteModels.Input;

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
        var top = new Option<int>("--top") { Description = "How many to print", DefaultValueFactory = _ => 10 };
        var poolSize = new Option<int>("--pool") { Description = "Newest stored works considered", DefaultValueFactory = _ => 2000 };
        var dataDir = CommonOptions.DataDir();
        var command = new Command("recommend", "Rank the stored works a user has not labelled or been sent, with reasons") { user, top, poolSize, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(top) < 1 || parse.GetValue(poolSize) < 1)
            {
                Console.Error.WriteLine("--top and --pool must be at least 1.");
                return Cli.Usage;
            }
            var services = AllInOne.CreateBuilder(parse.GetValue(dataDir), null).Build().Services;
            var userId = parse.GetValue(user)!;
            var profile = await KnownUsers.RequireAsync(services.GetRequiredService<IUserStore>(), userId, ct);
            var labels = await services.GetRequiredService<ILabelStore>().ListAsync(userId, ct);
            var sent = (await services.GetRequiredService<INotificationStore>().ListAsync(NotificationStatus.Sent, int.MaxValue, ct))
                .Where(n => n.UserId == userId).Select(n => n.WorkId);
            var seen = labels.Select(l => l.WorkId).Concat(sent).ToHashSet();
            var store = services.GetRequiredService<IWorkStore>();
            var candidates = (await store.ListAsync(null, parse.GetValue(poolSize), ct)).Where(w => !seen.Contains(w.Id)).ToList();
            if (candidates.Count == 0)
            {
                Console.WriteLine($"Nothing new for {userId}: every stored work is labelled or was sent. Crawl more with `konomi run --once`.");
                return 0;
            }
            var liked = await store.FindManyAsync(labels.Where(l => l.Interested).Select(l => l.WorkId), ct);
            var neighbours = new LikedNeighbours(services.GetRequiredService<TasteInputBuilder>(), [.. liked.Values]);

            var scores = await services.GetRequiredService<WorkScorer>().ScoreAsync(candidates, [profile], ct);
            var byId = candidates.ToDictionary(w => w.Id);
            // Liked first, then no verdict, then not liked; each by score.
            var ranked = scores.OrderBy(s => s.Liked switch { true => 0, null => 1, false => 2 }).ThenByDescending(s => s.Score).Take(parse.GetValue(top));
            var rank = 0;
            foreach (var score in ranked)
                Print(++rank, byId[score.WorkId], score, neighbours.Explain(byId[score.WorkId]));
            return 0;
        });
        return Cli.Example(command, "konomi recommend --user me --top 5");
    }

    static void Print(int rank, Work work, WorkScore score, ScoreReason? similar)
    {
        var verdict = score.Liked switch { true => "liked", false => "not liked", null => "no verdict" };
        Console.WriteLine($"{rank,3}. {work.Id} {work.Title}");
        Console.WriteLine($"     score {score.Score:0.000} (threshold {score.Threshold:0.000}) {verdict}; {score.ModelId}" + (score.ModelVersion > 0 ? $" v{score.ModelVersion}" : ""));
        // The scorer already names the nearest liked work for a model's liked verdict; the command adds it for the rest.
        var named = similar is null || score.Reasons.Any(r => r.Source == LikedNeighbours.Source);
        foreach (var reason in named ? score.Reasons : [.. score.Reasons, similar!])
            Console.WriteLine($"     {reason.Weight,7:+0.000;-0.000}  {reason.Text}");
        Console.WriteLine($"     {work.Url}");
    }
}
