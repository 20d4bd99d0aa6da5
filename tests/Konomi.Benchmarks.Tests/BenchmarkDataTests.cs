using Konomi.Benchmarks;
using Konomi.Contracts;
using Konomi.TasteModels.Evaluation;
using Konomi.Testing;

namespace Konomi.Benchmarks.Tests;

/// <summary>Reads the real MovieLens files from ../shared/data to check the benchmark's task rules (not a benchmark).</summary>
public class BenchmarkDataTests
{
    private static readonly string MovieLens = Path.Combine(Repository.Shared, "data", "movielens");

    private static string[][] Records(string file)
    {
        using var reader = new StreamReader(Path.Combine(MovieLens, file));
        return CsvRecords.Read(reader).Skip(1).Select(r => r.Fields).ToArray();
    }

    [Fact]
    public void MovieLens_tasks_fold_by_movie_id_and_never_use_the_users_own_tags()
    {
        // User 474 tagged the most movies, so their own tags would show if they leaked into the text.
        var task = MovieLensTasks.Tasks(Path.Combine(Repository.Shared, "data"), [474])[0];
        var tags = Records("tags.csv");
        var taggedByOthers = tags.Where(t => t[0] != "474").Select(t => t[1]).ToHashSet();
        var taggedOnlyBy474 = tags.Where(t => t[0] == "474" && !taggedByOthers.Contains(t[1])).Select(t => t[1]).ToHashSet();
        var movies = Records("movies.csv").ToDictionary(m => m[0], m => $"{m[1]} {m[2].Replace('|', ' ')}");

        task.Items.ShouldAllBe(item => item.Fold == int.Parse(item.Id) % 5);
        var onlyOwnTags = task.Items.Where(i => taggedOnlyBy474.Contains(i.Id)).ToArray();
        onlyOwnTags.Length.ShouldBeGreaterThan(100);
        onlyOwnTags.ShouldAllBe(i => i.Text == movies[i.Id]);
    }

    [Fact]
    public void Livedoor_readers_are_seeded_draws_that_like_only_their_sections_with_each_articles_publication_time()
    {
        var data = Path.Combine(Repository.Shared, "data");

        var readers = LivedoorCorpus.Readers(data, articles: 200, seed: 1000);
        var again = LivedoorCorpus.Readers(data, articles: 200, seed: 1000);

        readers.Select(r => r.Reader).ShouldBe(["women", "sports", "gadgets", "movies", "smartphones", "topics", "men"]);
        readers.ShouldAllBe(r => r.Items.Count == 200 && r.Items.Select(i => i.Id).Distinct().Count() == 200);
        again.SelectMany(r => r.Items).ShouldBe(readers.SelectMany(r => r.Items));
        var sports = readers.Single(r => r.Reader == "sports").Items;
        sports.ShouldAllBe(i => i.Liked == i.Id.StartsWith("sports-watch-", StringComparison.Ordinal));
        sports.ShouldContain(i => i.Liked);
        // The articles were published from 2000 to 2012; each carries its own time.
        sports.ShouldAllBe(i => i.Time > new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()
            && i.Time < new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());
        sports.Select(i => i.Time).Distinct().Count().ShouldBeGreaterThan(150);
    }

    [Fact]
    public void Livedoor_readers_with_body_characters_get_the_same_articles_with_the_start_of_each_body_after_the_title()
    {
        var data = Path.Combine(Repository.Shared, "data");

        var titles = LivedoorCorpus.Readers(data, articles: 50, seed: 1000);
        var withBodies = LivedoorCorpus.Readers(data, articles: 50, seed: 1000, bodyCharacters: 500);

        var pairs = titles.SelectMany(r => r.Items).Zip(withBodies.SelectMany(r => r.Items)).ToList();
        pairs.ShouldAllBe(p => p.First.Id == p.Second.Id && p.First.Liked == p.Second.Liked && p.First.Time == p.Second.Time);
        pairs.ShouldAllBe(p => p.Second.Text.StartsWith(p.First.Text + "\n", StringComparison.Ordinal));
        pairs.ShouldAllBe(p => p.Second.Text.Length <= p.First.Text.Length + 1 + 500);
        pairs.Count(p => p.Second.Text.Length == p.First.Text.Length + 1 + 500).ShouldBeGreaterThan(pairs.Count / 2);
        pairs.ShouldAllBe(p => p.Second.ToWork().Title == p.First.ToWork().Title);
    }
}
