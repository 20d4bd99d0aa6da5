using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Konomi.Cli.Replay;

namespace Konomi.Benchmarks;

/// <summary>
/// The livedoor news corpus read straight from its tar.gz. Liked = the two women's-interest sections;
/// fold = first byte of MD5(file name) mod 5 (benchmarks.md), so C# and Python split identically.
/// </summary>
public static class LivedoorCorpus
{
    private static readonly string[] Liked = ["dokujo-tsushin", "peachy"];

    public static IReadOnlyList<BenchmarkTask> Tasks(string dataDirectory)
    {
        var articles = Read(Archive(dataDirectory));
        return [new("livedoor title", "livedoor", ItemsOf(articles, 0)), new("livedoor title+500", "livedoor", ItemsOf(articles, 500))];
    }

    /// <summary>Every article as one item: its title, and with <paramref name="bodyCharacters"/> its body's first that many characters.</summary>
    public static IReadOnlyList<BenchmarkItem> Items(string dataDirectory, int bodyCharacters) => ItemsOf(Read(Archive(dataDirectory)), bodyCharacters);

    private static BenchmarkItem[] ItemsOf(List<Article> articles, int bodyCharacters) =>
        [.. articles.Select(a => new BenchmarkItem(a.FileName, TextOf(a, bodyCharacters), Liked.Contains(a.Category), a.Fold))];

    private static string Archive(string dataDirectory) => Path.Combine(dataDirectory, "livedoor", "ldcc_text_original_files.tar.gz");

    /// <summary>
    /// Readers of the replay benchmark, each liking some sections (a reader of the women's sections, of sports, of
    /// gadgets, …): <paramref name="articles"/> articles drawn for each with a seeded shuffle (seed + the reader's
    /// index), their titles in publication order. Short Japanese titles are the closest thing here to DLsite works, and
    /// a section's articles cluster in time, so a reader's first labels may hold no like at all. With
    /// <paramref name="bodyCharacters"/> each text also holds the article's first that many characters, on the lines
    /// after the title: the replay makes them the work's description, as a DLsite work's long text.
    /// </summary>
    public static IReadOnlyList<(string Reader, IReadOnlyList<ReplayItem> Items)> Readers(string dataDirectory, int articles, int seed, int bodyCharacters = 0)
    {
        var all = Read(Archive(dataDirectory));
        return [.. ReaderSections.Select((reader, i) =>
        {
            var drawn = all.ToArray();
            new Random(seed + i).Shuffle(drawn);
            return (reader.Name, (IReadOnlyList<ReplayItem>)[.. drawn.Take(articles).Select(a => new ReplayItem(a.FileName, TextOf(a, bodyCharacters), reader.Sections.Contains(a.Category), a.Time))]);
        })];
    }

    /// <summary>The title, and with <paramref name="bodyCharacters"/> the body's first that many characters on the lines after it.</summary>
    private static string TextOf(Article article, int bodyCharacters) =>
        bodyCharacters <= 0 ? article.Title : article.Title + "\n" + article.Body[..Math.Min(bodyCharacters, article.Body.Length)];

    private static readonly (string Name, string[] Sections)[] ReaderSections =
    [
        ("women", Liked), ("sports", ["sports-watch"]), ("gadgets", ["it-life-hack", "kaden-channel"]), ("movies", ["movie-enter"]),
        ("smartphones", ["smax"]), ("topics", ["topic-news"]), ("men", ["livedoor-homme"]),
    ];

    private sealed record Article(string FileName, string Category, string Title, string Body, int Fold, long Time);

    private static List<Article> Read(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var articles = new List<Article>();
        while (tar.GetNextEntry() is { } entry)
        {
            var fileName = Path.GetFileName(entry.Name);
            var category = Path.GetFileName(Path.GetDirectoryName(entry.Name)) ?? "";
            if (entry.DataStream is null || !fileName.StartsWith(category + "-", StringComparison.Ordinal) || !fileName.EndsWith(".txt", StringComparison.Ordinal))
                continue;
            using var reader = new StreamReader(entry.DataStream, Encoding.UTF8);
            reader.ReadLine();
            var published = Published(reader.ReadLine(), entry.Name);
            var title = reader.ReadLine() ?? "";
            var body = reader.ReadToEnd().Replace("\r\n", "\n").Trim();
            var fold = MD5.HashData(Encoding.UTF8.GetBytes(fileName))[0] % 5;
            articles.Add(new Article(fileName, category, title, body, fold, published.ToUnixTimeSeconds()));
        }
        return articles.OrderBy(a => a.FileName, StringComparer.Ordinal).ToList();
    }

    /// <summary>An article's second line, e.g. <c>2010-05-22T14:30:00+0900</c> (<c>zzz</c> reads the offset with or without a colon).</summary>
    private static DateTimeOffset Published(string? line, string entry) =>
        DateTimeOffset.TryParseExact(line?.Trim(), "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published)
            ? published
            : throw new FormatException($"{entry}: line 2 '{line}' is not a publication time like 2010-05-22T14:30:00+0900");
}
