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
        var sample = new Option<int>("--sample") { Description = "More users drawn at random (seed 13) from those with at least 200 ratings, never 448, 274, 68 or 288", DefaultValueFactory = _ => 4 };
        var (seed, batch, explore) = BenchReplayCommand.Protocol();
        var command = new Command("replays", "Konomi's notification loop vs the scikit-learn replay peer and post-everything on MovieLens users, one run") { data, users, sample, seed, batch, explore };
        command.SetAction(async (parse, ct) =>
        {
            var dataDirectory = BenchmarkData.Directory(parse.GetValue(data));
            // The sample never repeats the four users every benchmark here reports, whichever users are given.
            var histories = MovieLensTasks.Histories(dataDirectory, parse.GetValue(users)!, parse.GetValue(sample), sampleSeed: 13, minRatings: 200, exclude: [448, 274, 68, 288]);
            var folder = Directory.CreateTempSubdirectory("konomi-replays-");
            var rows = new List<string>();
            try
            {
                foreach (var (user, history) in histories)
                {
                    var items = history.Select(h => new ReplayItem(h.Id, h.Text, h.Liked, h.Time)).ToList();
                    var file = Path.Combine(folder.FullName, $"movielens-{user}.csv");
                    await using (var writer = new StreamWriter(file)) ReplayFile.Write(writer, items);
                    var ordered = ReplayFile.Read(new StreamReader(file));
                    var konomi = await new NotificationLoopReplay(parse.GetValue(seed), parse.GetValue(batch), parse.GetValue(explore)).RunAsync(ordered, ct);
                    var peer = await PeerAsync(file, parse.GetValue(seed), parse.GetValue(batch), ct);
                    Console.Error.WriteLine($"user {user}: konomi {BenchReplayCommand.ToJson(konomi)}\n          peer {peer.GetRawText()}");
                    rows.Add(Row(user, konomi, peer));
                }
            }
            finally
            {
                folder.Delete(recursive: true);
            }
            Console.Out.WriteLine("| user | items | liked | Konomi F1 | P | R | posts (おためし) | promoted / rejected | peer F1 | peer P | peer R | peer posts | post-everything F1 |");
            Console.Out.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var row in rows) Console.Out.WriteLine(row);
            return 0;
        });
        return BenchmarkCommand.Example(command, "replays", "replays --users 448 274 --sample 2");
    }

    static string Row(int user, ReplayResult k, JsonElement peer) => string.Create(CultureInfo.InvariantCulture,
        $"| {user} | {k.Items} | {k.LikedTotal} | **{k.F1:0.000}** | {k.Precision:0.000} | {k.Recall:0.000} | {k.Posted} ({k.Explored}) | {k.Promotions} / {k.Rejections} | {peer.GetProperty("f1").GetDouble():0.000} | {peer.GetProperty("precision").GetDouble():0.000} | {peer.GetProperty("recall").GetDouble():0.000} | {peer.GetProperty("posted").GetInt32()} | {k.PostEverythingF1:0.000} |");

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
