using System.Globalization;
using Konomi.Cli.Replay;
using Konomi.Contracts;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;

namespace Konomi.Benchmarks;

/// <summary>
/// One MovieLens user's taste as a text task: label = rating ≥ 4; text = title, genres and the tags other
/// users gave the movie (never the user's own, nor those of <c>tagsLeftOut</c>); fold = movieId mod 5 (benchmarks.md). The genres and those tags
/// are also the item's facets (<c>genre</c>, <c>tag</c>), as a DLsite work's genres are: the same facts as the text.
/// </summary>
public static class MovieLensTasks
{
    public static IReadOnlyList<BenchmarkTask> Tasks(string dataDirectory, IReadOnlyList<int> users, IReadOnlyCollection<int>? tagsLeftOut = null)
    {
        var folder = Path.Combine(dataDirectory, "movielens");
        var movies = Records(Path.Combine(folder, "movies.csv"))
            .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => (Title: f[1], Genres: f[2].Split('|').Where(g => g != "(no genres listed)").ToArray(), GenreText: f[2].Replace('|', ' ')));
        var tags = Records(Path.Combine(folder, "tags.csv"))
            .Select(f => (User: int.Parse(f[0], CultureInfo.InvariantCulture), Movie: int.Parse(f[1], CultureInfo.InvariantCulture), Tag: f[2]))
            .ToArray();
        var ratings = Records(Path.Combine(folder, "ratings.csv"))
            .Select(f => (User: int.Parse(f[0], CultureInfo.InvariantCulture), Movie: int.Parse(f[1], CultureInfo.InvariantCulture), Rating: double.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToArray();

        return users.Select(user =>
        {
            var otherTags = tags.Where(t => t.User != user && tagsLeftOut?.Contains(t.User) != true).GroupBy(t => t.Movie).ToDictionary(g => g.Key, g => g.Select(t => t.Tag).ToArray());
            var items = ratings.Where(r => r.User == user).OrderBy(r => r.Movie).Select(r =>
            {
                var movie = movies[r.Movie];
                var movieTags = otherTags.GetValueOrDefault(r.Movie, []);
                var text = $"{movie.Title} {movie.GenreText} {string.Join(" ", movieTags)}".TrimEnd();
                return new BenchmarkItem(r.Movie.ToString(CultureInfo.InvariantCulture), text, r.Rating >= 4.0, r.Movie % 5)
                {
                    Facets = [.. movie.Genres.Select(g => new Facet("genre", g)), .. movieTags.Distinct(StringComparer.OrdinalIgnoreCase).Select(t => new Facet("tag", t))],
                };
            }).ToArray();
            return new BenchmarkTask($"movielens user {user}", "movielens", items);
        }).ToArray();
    }

    /// <summary>Each movie's genres by movie id (the item id of <see cref="Tasks"/>); none for "(no genres listed)".</summary>
    public static IReadOnlyDictionary<string, IReadOnlyCollection<string>> Genres(string dataDirectory) =>
        Records(Path.Combine(dataDirectory, "movielens", "movies.csv"))
            .ToDictionary(f => f[0], f => (IReadOnlyCollection<string>)[.. f[2].Split('|').Where(g => g != "(no genres listed)")]);

    /// <summary>
    /// Users' rating histories for the replay benchmark, in rating order: the given users, plus <paramref name="sample"/>
    /// more drawn with a seeded shuffle from the other users with at least <paramref name="minRatings"/> ratings. Text and
    /// label as in <see cref="Tasks"/>; time = the rating's timestamp. For a <paramref name="workspace"/>, a movie's text
    /// leaves out the tags of every chosen user, so it is one text for all of them (a work is stored once) and no
    /// user's own tags reach their model through someone else's copy.
    /// </summary>
    public static IReadOnlyList<(int User, IReadOnlyList<ReplayItem> Items)> Histories(string dataDirectory, IReadOnlyList<int> users, int sample, int sampleSeed, int minRatings, IReadOnlyCollection<int> exclude, bool workspace = false)
    {
        var folder = Path.Combine(dataDirectory, "movielens");
        var times = Records(Path.Combine(folder, "ratings.csv"))
            .Select(f => (User: int.Parse(f[0], CultureInfo.InvariantCulture), Movie: f[1], Time: long.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToArray();
        var chosen = Sample(times.Select(t => t.User), users, sample, sampleSeed, minRatings, exclude);
        var timeOf = times.Where(t => chosen.Contains(t.User)).ToDictionary(t => (t.User, t.Movie), t => t.Time);
        return [.. Tasks(dataDirectory, chosen, workspace ? chosen : null).Select((task, i) => (chosen[i],
            (IReadOnlyList<ReplayItem>)[.. task.Items.Select(item => new ReplayItem(item.Id, item.Text, item.Liked, timeOf[(chosen[i], item.Id)]))]))];
    }

    /// <summary>
    /// The given users, plus <paramref name="sample"/> more drawn with a seeded shuffle from the other users with at least
    /// <paramref name="minRatings"/> ratings (never one in <paramref name="exclude"/>): the same seed draws the same users.
    /// </summary>
    public static int[] Sample(string dataDirectory, IReadOnlyList<int> users, int sample, int sampleSeed, int minRatings, IReadOnlyCollection<int> exclude) =>
        Sample(Records(Path.Combine(dataDirectory, "movielens", "ratings.csv")).Select(f => int.Parse(f[0], CultureInfo.InvariantCulture)), users, sample, sampleSeed, minRatings, exclude);

    private static int[] Sample(IEnumerable<int> raters, IReadOnlyList<int> users, int sample, int sampleSeed, int minRatings, IReadOnlyCollection<int> exclude)
    {
        var eligible = raters.GroupBy(u => u).Where(g => g.Count() >= minRatings && !users.Contains(g.Key) && !exclude.Contains(g.Key)).Select(g => g.Key).Order().ToArray();
        new Random(sampleSeed).Shuffle(eligible);
        return [.. users, .. eligible.Take(sample)];
    }

    private static IEnumerable<string[]> Records(string path)
    {
        using var reader = new StreamReader(path);
        foreach (var (line, fields) in CsvRecords.Read(reader))
            if (line > 1) yield return fields;
    }
}
