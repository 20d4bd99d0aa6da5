using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Konomi.Cli.Commands;
using Konomi.Cli.Replay;

namespace Konomi.Benchmarks.Commands;

/// <summary>
/// <c>replays</c>: MovieLens users through the notification loop (<c>konomi bench replay</c>'s <see cref="NotificationLoopReplay"/>),
/// Konomi next to the scikit-learn replay peer and "post everything", one Markdown table.
/// </summary>
public static class ReplaysCommand
{
    public static Command Create()
    {
        var data = BenchmarkData.Option();
        var users = new Option<int[]>("--users") { Description = "MovieLens users always replayed", DefaultValueFactory = _ => [448, 274, 68, 288], AllowMultipleArgumentsPerToken = true };
        var sample = new Option<int>("--sample") { Description = "More users drawn at random from those with at least 200 ratings, never 448, 274, 68 or 288", DefaultValueFactory = _ => 4 };
        var sampleSeed = new Option<int?>("--sample-seed") { Description = "Seed of the sample (default: a fresh one, printed)" };
        var (seed, batch, _, withoutModel) = BenchReplayCommand.Protocol();
        var rates = new Option<double[]>("--explore") { Description = "Inference:ExplorationRate; several rates make a sweep over the same users (default: the product's default)", DefaultValueFactory = _ => [new Inference.InferenceOptions().ExplorationRate], AllowMultipleArgumentsPerToken = true };
        var livedoor = new Option<int>("--livedoor") { Description = "Replay seven livedoor readers (each liking some sections) of this many article titles each instead of MovieLens users; the sample seed draws the articles", DefaultValueFactory = _ => 0 };
        var command = new Command("replays", "Konomi's notification loop vs the scikit-learn replay peer and post-everything on MovieLens users (or livedoor readers), one run") { data, users, sample, sampleSeed, seed, batch, rates, withoutModel, livedoor };
        command.SetAction(async (parse, ct) =>
        {
            var dataDirectory = BenchmarkData.Directory(parse.GetValue(data));
            var drawSeed = parse.GetValue(sampleSeed) ?? Random.Shared.Next(1, 100_000);
            var explore = parse.GetValue(rates)!;
            // The sample never repeats the four users every benchmark here reports, whichever users are given.
            var histories = parse.GetValue(livedoor) is > 0 and var articles
                ? LivedoorCorpus.Readers(dataDirectory, articles, drawSeed)
                : [.. MovieLensTasks.Histories(dataDirectory, parse.GetValue(users)!, parse.GetValue(sample), drawSeed, minRatings: 200, exclude: [448, 274, 68, 288])
                    .Select(h => (h.User.ToString(CultureInfo.InvariantCulture), h.Items))];
            Console.Error.WriteLine($"sample seed {drawSeed}: users {string.Join(' ', histories.Select(h => h.Reader))}");
            var folder = Directory.CreateTempSubdirectory("konomi-replays-");
            var rows = explore.ToDictionary(r => r, _ => new List<(string User, ReplayResult Konomi, JsonElement Peer)>());
            try
            {
                foreach (var (user, history) in histories)
                {
                    var file = Path.Combine(folder.FullName, $"replay-{user}.csv");
                    await using (var writer = new StreamWriter(file)) ReplayFile.Write(writer, history);
                    // Konomi reads back the very file the peer reads, in the replay's own arrival order.
                    using var reader = new StreamReader(file);
                    var ordered = ReplayFile.Read(reader);
                    var peer = await PeerAsync(file, parse.GetValue(seed), parse.GetValue(batch), ct);
                    Console.Error.WriteLine($"user {user}: peer {peer.GetRawText()}");
                    foreach (var rate in explore)
                    {
                        var konomi = await new NotificationLoopReplay(parse.GetValue(seed), parse.GetValue(batch), rate, parse.GetValue(withoutModel)).RunAsync(ordered, ct);
                        Console.Error.WriteLine($"user {user}: konomi {BenchReplayCommand.ToJson(konomi)}");
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
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nExploration rate {rate} ({parse.GetValue(withoutModel)} for a user awaiting a model):\n"));
                Console.Out.WriteLine("| user | items | liked | Konomi F1 | P | R | posts (おためし) | promoted / rejected | peer F1 | peer P | peer R | peer posts | post-everything F1 |");
                Console.Out.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                foreach (var (user, konomi, peer) in rows[rate]) Console.Out.WriteLine(Row(user, konomi, peer));
            }
            if (explore.Length > 1) Console.Out.WriteLine("\n" + Sweep(rows));
            return 0;
        });
        return BenchmarkCommand.Example(command, "replays", "replays --users 448 274 --sample 2 --sample-seed 7", "replays --explore 0 0.05 0.1 0.2", "replays --livedoor 400 --sample-seed 1000");
    }

    /// <summary>One line per exploration rate over the same users: what a rate costs or buys across users, not on one.</summary>
    static string Sweep(Dictionary<double, List<(string User, ReplayResult Konomi, JsonElement Peer)>> rows)
    {
        var table = new System.Text.StringBuilder();
        table.AppendLine("| exploration rate | mean F1 | min F1 | min recall | mean posts | users F1 ≥ peer | users F1 ≥ post-everything |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (rate, results) in rows)
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rate} | {results.Average(r => r.Konomi.F1):0.000} | {results.Min(r => r.Konomi.F1):0.000} | {results.Min(r => r.Konomi.Recall):0.000} | {results.Average(r => r.Konomi.Posted):0} | {results.Count(r => r.Konomi.F1 >= r.Peer.GetProperty("f1").GetDouble())}/{results.Count} | {results.Count(r => r.Konomi.F1 >= r.Konomi.PostEverythingF1)}/{results.Count} |"));
        return table.ToString();
    }

    static string Row(string user, ReplayResult k, JsonElement peer)
    {
        // The better F1 of the two in bold.
        var peerF1 = peer.GetProperty("f1").GetDouble();
        var (konomi, other) = k.F1 >= peerF1 ? ("**", "") : ("", "**");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {user} | {k.Items} | {k.LikedTotal} | {konomi}{k.F1:0.000}{konomi} | {k.Precision:0.000} | {k.Recall:0.000} | {k.Posted} ({k.Explored}) | {k.Promotions} / {k.Rejections} | {other}{peerF1:0.000}{other} | {peer.GetProperty("precision").GetDouble():0.000} | {peer.GetProperty("recall").GetDouble():0.000} | {peer.GetProperty("posted").GetInt32()} | {k.PostEverythingF1:0.000} |");
    }

    static async Task<JsonElement> PeerAsync(string file, int seed, int batch, CancellationToken ct)
    {
        var script = Path.Combine(BenchmarkData.RepositoryRoot(), "benchmarks", "peer", "replay_peer.py");
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
