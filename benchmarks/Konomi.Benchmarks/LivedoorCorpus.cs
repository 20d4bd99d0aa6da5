using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

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
        var articles = Read(Path.Combine(dataDirectory, "livedoor", "ldcc_text_original_files.tar.gz"));
        return
        [
            new("livedoor title", "livedoor", articles.Select(a => new BenchmarkItem(a.FileName, a.Title, a.Liked, a.Fold)).ToArray()),
            new("livedoor title+500", "livedoor", articles.Select(a => new BenchmarkItem(a.FileName, a.Title + "\n" + a.Body[..Math.Min(500, a.Body.Length)], a.Liked, a.Fold)).ToArray()),
        ];
    }

    private sealed record Article(string FileName, string Title, string Body, bool Liked, int Fold);

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
            reader.ReadLine();
            var title = reader.ReadLine() ?? "";
            var body = reader.ReadToEnd().Replace("\r\n", "\n").Trim();
            var fold = MD5.HashData(Encoding.UTF8.GetBytes(fileName))[0] % 5;
            articles.Add(new Article(fileName, title, body, Liked.Contains(category), fold));
        }
        return articles.OrderBy(a => a.FileName, StringComparer.Ordinal).ToList();
    }
}
