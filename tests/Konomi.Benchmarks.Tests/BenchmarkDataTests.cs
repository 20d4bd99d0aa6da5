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
}
