using System.Globalization;
using System.Text.Json;
using Konomi.Benchmarks;
using Konomi.Cli.Replay;
using Konomi.Testing;

namespace Konomi.Benchmarks.Tests.Replay;

/// <summary>The real <c>konomi bench replay</c> process on the start of a real MovieLens history, prepared as the replay benchmark prepares it.</summary>
public class BenchReplayTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replay_reveals_only_the_labels_of_what_it_posted_and_reports_the_loop()
    {
        const int seed = 30, kept = 150;
        var history = MovieLensTasks.Histories(Path.Combine(Repository.Shared, "data"), [313], sample: 0, sampleSeed: 1, minRatings: 0, exclude: [])
            .Single().Items.OrderBy(i => i.Time).ThenBy(i => i.Id, StringComparer.Ordinal).Take(kept).ToList();
        var file = Path.Combine(Directory.CreateTempSubdirectory("konomi-replay-test-").FullName, "user313.csv");
        // Written shuffled: the replay itself puts items in arrival order (time, then id).
        await File.WriteAllLinesAsync(file, ["id,text,label,time", .. history.AsEnumerable().Reverse().Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i.Id},\"{i.Text.Replace("\"", "\"\"")}\",{(i.Liked ? 1 : 0)},{i.Time}"))], Ct);

        var result = await KonomiCli.RunAsync(["bench", "replay", "--data", file, "--seed", $"{seed}", "--batch", "20"], timeout: TimeSpan.FromMinutes(10), ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        int Get(string name) => json.GetProperty(name).GetInt32();
        var likedAfterSeed = history.Skip(seed).Count(i => i.Liked);
        Get("items").ShouldBe(kept - seed);
        Get("likedTotal").ShouldBe(likedAfterSeed);
        // A click needs a post: every revealed label is a post, and each post was sent once.
        Get("labelsRevealed").ShouldBe(Get("posted"));
        Get("posted").ShouldBeInRange(1, kept - seed);
        Get("likedPosted").ShouldBeInRange(1, Math.Min(Get("posted"), likedAfterSeed));
        Get("explored").ShouldBeLessThanOrEqualTo(Get("posted"));
        json.GetProperty("f1").GetDouble().ShouldBe(2.0 * Get("likedPosted") / (Get("posted") + likedAfterSeed), 1e-9);
        json.GetProperty("postEverythingF1").GetDouble().ShouldBe(2.0 * likedAfterSeed / (kept - seed + likedAfterSeed), 1e-9);
        // Day one trains once on the seed; the clicks then make the trainer retrain, and the gate judges each candidate.
        Get("trainings").ShouldBeGreaterThan(1);
        (Get("promotions") + Get("rejections")).ShouldBeLessThanOrEqualTo(Get("trainings"));
        Get("promotions").ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_user_whose_first_labels_hold_no_like_still_gets_works_to_click_and_then_a_model()
    {
        // All 30 labels of day one are 別に…: no model can learn from one kind of label. Before exploration covered such
        // a user, nothing was ever posted, so no click came and the loop never started.
        const int seed = 30;
        var ratings = MovieLensTasks.Histories(Path.Combine(Repository.Shared, "data"), [313], sample: 0, sampleSeed: 1, minRatings: 0, exclude: [])
            .Single().Items.OrderBy(i => i.Time).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        var dislikedFirst = ratings.Where(i => !i.Liked).Take(seed).ToList();
        var history = dislikedFirst.Concat(ratings.Except(dislikedFirst).Take(120)).Select((item, at) => item with { Time = at });
        var file = Path.Combine(Directory.CreateTempSubdirectory("konomi-replay-test-").FullName, "user313-dislikes-first.csv");
        await using (var writer = new StreamWriter(file)) ReplayFile.Write(writer, history);

        var result = await KonomiCli.RunAsync(["bench", "replay", "--data", file, "--seed", $"{seed}", "--batch", "20", "--explore", "0.1"], timeout: TimeSpan.FromMinutes(10), ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        int Get(string name) => json.GetProperty(name).GetInt32();
        Get("explored").ShouldBeGreaterThan(0);
        Get("likedPosted").ShouldBeGreaterThan(0);
        Get("promotions").ShouldBeGreaterThan(0);
    }
}
