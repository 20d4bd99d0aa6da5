using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Konomi.Cli.Replay;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi bench replay</c>: one user's history through the notification loop (<see cref="NotificationLoopReplay"/>),
/// one JSON object out; <c>konomi bench replays</c>: MovieLens users, Konomi next to the scikit-learn replay peer and
/// "post everything", one Markdown table.
/// </summary>
public static class BenchReplayCommand
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Replay()
    {
        var data = new Option<FileInfo>("--data") { Description = "CSV with header id,text,label,time (unix seconds)", Required = true };
        var (seed, batch, explore) = Protocol();
        var command = new Command("replay", "Replay a user's history through the notification loop: only posted works reveal their label") { data, seed, batch, explore };
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<ReplayItem> items;
            try
            {
                using var reader = new StreamReader(parse.GetValue(data)!.FullName);
                items = ReplayFile.Read(reader);
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                Console.Error.WriteLine($"konomi bench replay: {parse.GetValue(data)!.Name}: {e.Message}");
                return 2;
            }
            var result = await new NotificationLoopReplay(parse.GetValue(seed), parse.GetValue(batch), parse.GetValue(explore)).RunAsync(items, ct);
            Console.Out.WriteLine(ToJson(result));
            return 0;
        });
        return Cli.Example(command, "konomi bench replay --data user448.csv", "konomi bench replay --data user448.csv --seed 50 --batch 20 --explore 0.1");
    }

    public static Command MovieLens()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Benchmark data folder (default: ../shared/data beside the repository)" };
        var users = new Option<int[]>("--users") { Description = "MovieLens users always replayed", DefaultValueFactory = _ => [448, 274, 68, 288], AllowMultipleArgumentsPerToken = true };
        var sample = new Option<int>("--sample") { Description = "More users drawn at random from those with at least 200 ratings, never 448, 274, 68 or 288", DefaultValueFactory = _ => 4 };
        var sampleSeed = new Option<int?>("--sample-seed") { Description = "Seed of the sample (default: a fresh one, printed)" };
        var (seed, batch, _) = Protocol();
        var rates = new Option<double[]>("--explore") { Description = "Inference:ExplorationRate; several rates make a sweep over the same users (default: the product's default)", DefaultValueFactory = _ => [new Inference.InferenceOptions().ExplorationRate], AllowMultipleArgumentsPerToken = true };
        var command = new Command("replays", "Konomi's notification loop vs the scikit-learn replay peer and post-everything on MovieLens users, one run") { data, users, sample, sampleSeed, seed, batch, rates };
        command.SetAction(async (parse, ct) =>
        {
            var dataDirectory = parse.GetValue(data)?.FullName ?? Path.Combine(BenchCommand.RepositoryRoot(), "..", "shared", "data");
            var drawSeed = parse.GetValue(sampleSeed) ?? Random.Shared.Next(1, 100_000);
            var explore = parse.GetValue(rates)!;
            // The sample never repeats the four users every benchmark here reports, whichever users are given.
            var histories = Benchmarks.MovieLensTasks.Histories(dataDirectory, parse.GetValue(users)!, parse.GetValue(sample), drawSeed, minRatings: 200, exclude: [448, 274, 68, 288]);
            Console.Error.WriteLine($"sample seed {drawSeed}: users {string.Join(' ', histories.Select(h => h.User))}");
            var folder = Directory.CreateTempSubdirectory("konomi-replays-");
            var rows = explore.ToDictionary(r => r, _ => new List<(int User, ReplayResult Konomi, JsonElement Peer)>());
            try
            {
                foreach (var (user, history) in histories)
                {
                    var items = history.Select(h => new ReplayItem(h.Id, h.Text, h.Liked, h.Time)).ToList();
                    var file = Path.Combine(folder.FullName, $"movielens-{user}.csv");
                    await using (var writer = new StreamWriter(file)) ReplayFile.Write(writer, items);
                    var ordered = ReplayFile.Read(new StreamReader(file));
                    var peer = await PeerAsync(file, parse.GetValue(seed), parse.GetValue(batch), ct);
                    Console.Error.WriteLine($"user {user}: peer {peer.GetRawText()}");
                    foreach (var rate in explore)
                    {
                        var konomi = await new NotificationLoopReplay(parse.GetValue(seed), parse.GetValue(batch), rate).RunAsync(ordered, ct);
                        Console.Error.WriteLine($"user {user}: konomi {ToJson(konomi)}");
                        rows[rate].Add((user, konomi, peer));
                    }
                }
            }
            finally
            {
                folder.Delete(recursive: true);
            }
            Console.Out.WriteLine($"Sample seed {drawSeed}.");
            foreach (var rate in explore)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nExploration rate {rate}:\n"));
                Console.Out.WriteLine("| user | items | liked | Konomi F1 | P | R | posts (おためし) | promoted / rejected | peer F1 | peer P | peer R | peer posts | post-everything F1 |");
                Console.Out.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                foreach (var (user, konomi, peer) in rows[rate]) Console.Out.WriteLine(Row(user, konomi, peer));
            }
            if (explore.Length > 1) Console.Out.WriteLine("\n" + Sweep(rows));
            return 0;
        });
        return Cli.Example(command, "konomi bench replays", "konomi bench replays --users 448 274 --sample 2 --sample-seed 7", "konomi bench replays --explore 0 0.05 0.1 0.2");
    }

    /// <summary>One line per exploration rate over the same users: what a rate costs or buys across users, not on one.</summary>
    static string Sweep(Dictionary<double, List<(int User, ReplayResult Konomi, JsonElement Peer)>> rows)
    {
        var table = new System.Text.StringBuilder();
        table.AppendLine("| exploration rate | mean F1 | min F1 | min recall | mean posts | users F1 ≥ peer | users F1 ≥ post-everything |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (rate, results) in rows)
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rate} | {results.Average(r => r.Konomi.F1):0.000} | {results.Min(r => r.Konomi.F1):0.000} | {results.Min(r => r.Konomi.Recall):0.000} | {results.Average(r => r.Konomi.Posted):0} | {results.Count(r => r.Konomi.F1 >= r.Peer.GetProperty("f1").GetDouble())}/{results.Count} | {results.Count(r => r.Konomi.F1 >= r.Konomi.PostEverythingF1)}/{results.Count} |"));
        return table.ToString();
    }

    static (Option<int> Seed, Option<int> Batch, Option<double> Explore) Protocol() => (
        new Option<int>("--seed") { Description = "Items labelled up front (day one)", DefaultValueFactory = _ => 50 },
        new Option<int>("--batch") { Description = "Items per crawl", DefaultValueFactory = _ => 20 },
        new Option<double>("--explore") { Description = "Inference:ExplorationRate for the replay (default: the product's default)", DefaultValueFactory = _ => new Inference.InferenceOptions().ExplorationRate });

    static string ToJson(ReplayResult r) => JsonSerializer.Serialize(new
    {
        items = r.Items, likedTotal = r.LikedTotal, posted = r.Posted, likedPosted = r.LikedPosted,
        precision = r.Precision, recall = r.Recall, f1 = r.F1,
        labelsRevealed = r.LabelsRevealed, promotions = r.Promotions, rejections = r.Rejections, trainings = r.Trainings,
        explored = r.Explored, likedExplored = r.LikedExplored, explorationRate = r.ExplorationRate,
        postEverythingF1 = r.PostEverythingF1,
    }, Json);

    static string Row(int user, ReplayResult k, JsonElement peer)
    {
        // The better F1 of the two in bold.
        var peerF1 = peer.GetProperty("f1").GetDouble();
        var (konomi, other) = k.F1 >= peerF1 ? ("**", "") : ("", "**");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {user} | {k.Items} | {k.LikedTotal} | {konomi}{k.F1:0.000}{konomi} | {k.Precision:0.000} | {k.Recall:0.000} | {k.Posted} ({k.Explored}) | {k.Promotions} / {k.Rejections} | {other}{peerF1:0.000}{other} | {peer.GetProperty("precision").GetDouble():0.000} | {peer.GetProperty("recall").GetDouble():0.000} | {peer.GetProperty("posted").GetInt32()} | {k.PostEverythingF1:0.000} |");
    }

    static async Task<JsonElement> PeerAsync(string file, int seed, int batch, CancellationToken ct)
    {
        var script = Path.Combine(BenchCommand.RepositoryRoot(), "benchmarks", "peer", "replay_peer.py");
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, file, seed.ToString(CultureInfo.InvariantCulture), batch.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start /usr/bin/python3 (apt-get install -y python3-sklearn).");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"The replay peer failed: {await error}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
