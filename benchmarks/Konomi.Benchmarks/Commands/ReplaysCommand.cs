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
        var body = new Option<int>("--livedoor-body") { Description = "With --livedoor: also this many characters of each article's body, as the work's description (default: titles only)", DefaultValueFactory = _ => 0 };
        var workspace = new Option<bool>("--workspace") { Description = "Replay the users together as one workspace, once each alone and once learning from everyone (Trainer:LearnFromEveryone)" };
        var command = new Command("replays", "Konomi's notification loop vs the scikit-learn replay peer and post-everything on MovieLens users (or livedoor readers), one run") { data, users, sample, sampleSeed, seed, batch, rates, withoutModel, livedoor, body, workspace };
        command.SetAction(async (parse, ct) =>
        {
            var dataDirectory = BenchmarkData.Directory(parse.GetValue(data));
            var drawSeed = parse.GetValue(sampleSeed) ?? Random.Shared.Next(1, 100_000);
            var explore = parse.GetValue(rates)!;
            // The sample never repeats the four users every benchmark here reports, whichever users are given.
            var histories = parse.GetValue(livedoor) is > 0 and var articles
                ? LivedoorCorpus.Readers(dataDirectory, articles, drawSeed, parse.GetValue(body))
                : [.. MovieLensTasks.Histories(dataDirectory, parse.GetValue(users)!, parse.GetValue(sample), drawSeed, minRatings: 200, exclude: [448, 274, 68, 288], parse.GetValue(workspace))
                    .Select(h => (h.User.ToString(CultureInfo.InvariantCulture), h.Items))];
            Console.Error.WriteLine($"sample seed {drawSeed}: users {string.Join(' ', histories.Select(h => h.Reader))}");
            var folder = Directory.CreateTempSubdirectory("konomi-replays-");
            var rows = explore.ToDictionary(r => r, _ => new List<(string User, ReplayResult Konomi, JsonElement Peer)>());
            try
            {
                if (parse.GetValue(workspace))
                {
                    Console.Out.WriteLine(await WorkspaceAsync(histories, folder.FullName, parse.GetValue(seed), parse.GetValue(batch), explore, parse.GetValue(withoutModel), drawSeed, ct));
                    return 0;
                }
                foreach (var (user, history) in histories)
                {
                    var (ordered, peer) = await LivedAloneAsync(folder.FullName, user, history, parse.GetValue(seed), parse.GetValue(batch), ct);
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
        return BenchmarkCommand.Example(command, "replays", "replays --users 448 274 --sample 2 --sample-seed 7", "replays --explore 0 0.05 0.1 0.2", "replays --livedoor 400 --sample-seed 1000", "replays --livedoor 400 --livedoor-body 500 --sample-seed 1000", "replays --users 63 313 560 381 57 --sample 3 --sample-seed 7321 --workspace");
    }

    /// <summary>
    /// The history as the replay reads it (Konomi reads back the very file the peer reads, in the replay's own arrival
    /// order) and the peer's replay of it.
    /// </summary>
    static async Task<(IReadOnlyList<ReplayItem> Ordered, JsonElement Peer)> LivedAloneAsync(string folder, string user, IReadOnlyList<ReplayItem> history, int seed, int batch, CancellationToken ct)
    {
        var file = Path.Combine(folder, $"replay-{user}.csv");
        await using (var writer = new StreamWriter(file)) ReplayFile.Write(writer, history);
        using var reader = new StreamReader(file);
        var ordered = ReplayFile.Read(reader);
        var peer = await PeerAsync(file, seed, batch, ct);
        Console.Error.WriteLine($"user {user}: peer {peer.GetRawText()}");
        return (ordered, peer);
    }

    /// <summary>
    /// The users as one workspace, lived twice through the product: each alone (per-user models only) and learning from
    /// everyone (the trainer's workspace training). The peer still learns from one user alone.
    /// </summary>
    static async Task<string> WorkspaceAsync(IReadOnlyList<(string Reader, IReadOnlyList<ReplayItem> Items)> histories, string folder, int seed, int batch, double[] explore, double withoutModel, int drawSeed, CancellationToken ct)
    {
        var lived = new List<ReplayHistory>();
        var peerF1 = new List<double>();
        foreach (var (user, history) in histories)
        {
            var (ordered, peer) = await LivedAloneAsync(folder, user, history, seed, batch, ct);
            lived.Add(new ReplayHistory(user, ordered));
            peerF1.Add(peer.GetProperty("f1").GetDouble());
        }
        var table = new System.Text.StringBuilder($"Sample seed {drawSeed}; one workspace of {lived.Count} users.\n");
        foreach (var rate in explore)
        {
            var alone = await new NotificationLoopReplay(seed, batch, rate, withoutModel, learnFromEveryone: false).RunAsync(lived, ct);
            var together = await new NotificationLoopReplay(seed, batch, rate, withoutModel, learnFromEveryone: true).RunAsync(lived, ct);
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"\nExploration rate {rate} ({withoutModel} for a user awaiting a model):\n"));
            table.AppendLine("| user | items | liked | alone F1 | with everyone F1 | P | R | posts (おためし) | promoted (shared) / rejected | peer F1 | post-everything F1 |");
            table.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            for (var i = 0; i < lived.Count; i++)
            {
                var (a, t) = (alone[i], together[i]);
                Console.Error.WriteLine($"user {lived[i].User}: alone {BenchReplayCommand.ToJson(a)}; with everyone {BenchReplayCommand.ToJson(t)}");
                table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {lived[i].User} | {t.Items} | {t.LikedTotal} | {a.F1:0.000} | {t.F1:0.000} | {t.Precision:0.000} | {t.Recall:0.000} | {t.Posted} ({t.Explored}) | {t.Promotions} ({t.SharedPromotions}) / {t.Rejections} | {peerF1[i]:0.000} | {t.PostEverythingF1:0.000} |"));
            }
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| mean | | | {alone.Average(r => r.F1):0.000} | {together.Average(r => r.F1):0.000} | | | | | {peerF1.Average():0.000} | {together.Average(r => r.PostEverythingF1):0.000} |"));
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"\nWith everyone ≥ alone on {together.Where((r, i) => r.F1 >= alone[i].F1).Count()}/{lived.Count} users, ≥ the peer on {together.Where((r, i) => r.F1 >= peerF1[i]).Count()}/{lived.Count}, ≥ post-everything on {together.Count(r => r.F1 >= r.PostEverythingF1)}/{lived.Count}; alone ≥ the peer on {alone.Where((r, i) => r.F1 >= peerF1[i]).Count()}/{lived.Count}."));
        }
        return table.ToString();
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
