using System.CommandLine;
using System.Text.Json;
using Konomi.Cli.Replay;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi bench replay</c>: one user's history through the notification loop (<see cref="NotificationLoopReplay"/>),
/// one JSON object out. Its peer comparison on MovieLens users is the benchmarks' <c>replays</c>.
/// </summary>
public static class BenchReplayCommand
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Replay()
    {
        var data = new Option<FileInfo>("--data") { Description = "CSV with header id,text,label,time (unix seconds)", Required = true }.FileName();
        var (seed, batch, explore, exploreWithoutModel) = Protocol();
        var command = new Command("replay", "Replay a user's history through the notification loop: only posted works reveal their label") { data, seed, batch, explore, exploreWithoutModel };
        command.SetAction(async (parse, ct) =>
        {
            // A file that cannot be read is an error (1), as in every command; the command line itself was right.
            var file = parse.GetValue(data)!;
            if (Directory.Exists(file.FullName)) return Cli.Fail($"{file.FullName} is a folder; give a CSV file");
            if (!file.Exists) return Cli.Fail($"{file.FullName}: no such file");
            IReadOnlyList<ReplayItem> items;
            try
            {
                var (text, notUtf8Line) = Utf8Text.Decode(File.ReadAllBytes(file.FullName));
                if (notUtf8Line is { } line) return Cli.Fail($"{file.Name}: line {line}: not UTF-8 text ({Utf8Text.SaveAsUtf8})");
                items = ReplayFile.Read(new StringReader(text!));
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                return Cli.Fail($"{file.Name}: {e.Message}");
            }
            if (items.Count <= parse.GetValue(seed))
                return Cli.Fail($"{file.Name}: {items.Count} items, and --seed {parse.GetValue(seed)} labels that many up front: the replay needs more items than --seed (give a lower --seed or a longer history).");
            var result = await new NotificationLoopReplay(parse.GetValue(seed), parse.GetValue(batch), parse.GetValue(explore), parse.GetValue(exploreWithoutModel)).RunAsync(items, ct);
            Console.Out.WriteLine(ToJson(result));
            return 0;
        });
        return Cli.Example(command, "konomi bench replay --data user448.csv", "konomi bench replay --data user448.csv --seed 50 --batch 20 --explore 0.1");
    }

    /// <summary>The replay protocol's options, shared with the benchmarks' <c>replays</c>; nonsense values are usage errors.</summary>
    public static (Option<int> Seed, Option<int> Batch, Option<double> Explore, Option<double> ExploreWithoutModel) Protocol() => (
        new Option<int>("--seed") { Description = "Items labelled up front (day one)", DefaultValueFactory = _ => 50 }.MustBe(n => n >= 1, "at least 1"),
        new Option<int>("--batch") { Description = "Items per crawl", DefaultValueFactory = _ => 20 }.MustBe(n => n >= 1, "at least 1"),
        new Option<double>("--explore") { Description = "Inference:ExplorationRate for the replay", DefaultValueFactory = _ => new Inference.InferenceOptions().ExplorationRate }
            .WithinRangeOf(typeof(Inference.InferenceOptions), nameof(Inference.InferenceOptions.ExplorationRate)),
        new Option<double>("--explore-without-model") { Description = "Inference:ExplorationRateWithoutModel for the replay", DefaultValueFactory = _ => new Inference.InferenceOptions().ExplorationRateWithoutModel }
            .WithinRangeOf(typeof(Inference.InferenceOptions), nameof(Inference.InferenceOptions.ExplorationRateWithoutModel)));

    public static string ToJson(ReplayResult r) => JsonSerializer.Serialize(new
    {
        items = r.Items, likedTotal = r.LikedTotal, posted = r.Posted, likedPosted = r.LikedPosted,
        precision = r.Precision, recall = r.Recall, f1 = r.F1,
        labelsRevealed = r.LabelsRevealed, promotions = r.Promotions, sharedPromotions = r.SharedPromotions, rejections = r.Rejections, trainings = r.Trainings,
        explored = r.Explored, likedExplored = r.LikedExplored, explorationRate = r.ExplorationRate, explorationRateWithoutModel = r.ExplorationRateWithoutModel,
        postEverythingF1 = r.PostEverythingF1,
    }, Json);
}
