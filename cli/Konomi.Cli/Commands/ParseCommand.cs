using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Konomi.Contracts;
using Konomi.Crawler;
using Konomi.Crawler.Parsing;

namespace Konomi.Cli.Commands;

/// <summary><c>konomi parse FILE</c>: what the crawler reads from a saved DLsite page or JSON, as JSON on stdout.</summary>
public static class ParseCommand
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A saved work or announce page, listing page, product.json or product/info/ajax response" };
        var command = new Command("parse", "Parse a saved DLsite page or JSON (kind told from its content) and print the result as JSON") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            try
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(Read(File.ReadAllText(path)), Json));
                return 0;
            }
            catch (Exception e) when (e is CrawlException or IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{path}: {e.Message.ReplaceLineEndings(" ")}");
                return 1;
            }
        });
        return command;
    }

    static object Read(string content) => DocumentKinds.Detect(content) switch
    {
        DocumentKind.WorkPage => Shape(WorkPageParser.Parse(content)),
        DocumentKind.ProductJson => Shape(ProductJsonParser.Parse(content)),
        DocumentKind.Listing => ListingPageParser.Parse(content).Works is { Count: > 0 } works
            ? works
            : throw new CrawlException(CrawlErrorKind.Malformed, "a listing page with no works in its result list"),
        DocumentKind.ProductInfo => ProductInfoParser.Parse(content).Select(p => new { id = p.Key, p.Value.Sales, p.Value.Wishlist, p.Value.RatingAverage, p.Value.RatingCount }),
        _ => throw new CrawlException(CrawlErrorKind.Malformed, "not a DLsite work page, listing page, product.json or product info response"),
    };

    static object Shape(ParsedWork parsed)
    {
        var work = parsed.Work;
        return new
        {
            work.Id,
            work.Title,
            work.Circle,
            work.Series,
            work.Authors,
            work.ScenarioWriters,
            work.Illustrators,
            work.VoiceActors,
            work.Genres,
            ReleaseDate = work.ReleaseDate?.ToString("yyyy-MM-dd"),
            AgeCategory = work.AgeCategory switch { AgeCategory.AllAges => "all-ages", AgeCategory.R15 => "r15", _ => "adult" },
            work.WorkType,
            work.Description,
            work.PriceYen,
            work.Url,
            work.ThumbnailUrl,
            Status = parsed.Status == WorkStatus.Announced ? "announced" : "released",
            parsed.ExpectedRelease,
        };
    }
}
