using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Konomi.Contracts;
using Konomi.Crawler;
using Konomi.Crawler.Parsing;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi parse FILE|DIR [--jsonl]</c>: what the crawler reads from saved DLsite pages, as JSON on stdout. A work
/// is printed in the <see cref="KonomiJson"/> shape, so the output is an import file for <c>konomi works import</c>.
/// </summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A saved work or announce page, listing page, product.json or product/info/ajax response; or a folder of them" };
        var jsonl = new Option<bool>("--jsonl") { Description = "One work per line (an import file for `konomi works import`); the default when stdout is not a terminal" };
        var command = new Command("parse", "Parse saved DLsite pages or JSON (kind told from the content) and print the result as JSON") { path, jsonl };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(path)!;
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var oneLine = parse.GetValue(jsonl) || Console.IsOutputRedirected;
            var files = Directory.Exists(target)
                ? Directory.EnumerateFiles(target).Order(StringComparer.Ordinal).ToList()
                : [target];
            if (!Directory.Exists(target) && !File.Exists(target))
                return Cli.Fail(error, $"{Path.GetFullPath(target)}: no such file or folder");
            var failed = 0;
            foreach (var file in files)
            {
                try
                {
                    foreach (var node in Read(File.ReadAllText(file)))
                        output.WriteLine(node.ToJsonString(oneLine ? KonomiJson.Options : KonomiJson.Indented));
                }
                catch (Exception e) when (e is CrawlException or IOException or UnauthorizedAccessException)
                {
                    failed++;
                    error.WriteLine($"{file}: {e.Message.ReplaceLineEndings(" ")}");
                }
            }
            return failed == files.Count ? Cli.Error : Cli.Ok;
        });
        Cli.Example(command, "konomi parse saved/RJ01234567.html", "konomi parse saved/ --jsonl > works.jsonl && konomi works import works.jsonl");
        return command;
    }

    static IEnumerable<JsonNode> Read(string content) => DocumentKinds.Detect(content) switch
    {
        DocumentKind.WorkPage => [Shape(WorkPageParser.Parse(content))],
        DocumentKind.ProductJson => [Shape(ProductJsonParser.Parse(content))],
        DocumentKind.Listing => ListingPageParser.Parse(content).Works is { Count: > 0 } works
            ? [JsonSerializer.SerializeToNode(works, KonomiJson.Options)!]
            : throw new CrawlException(CrawlErrorKind.Malformed, "a listing page with no works in its result list"),
        DocumentKind.ProductInfo => [JsonSerializer.SerializeToNode(
            ProductInfoParser.Parse(content).Select(p => new { id = p.Key, p.Value.Sales, p.Value.Wishlist, p.Value.RatingAverage, p.Value.RatingCount }), KonomiJson.Options)!],
        _ => throw new CrawlException(CrawlErrorKind.Malformed, "not a DLsite work page, listing page, product.json or product info response"),
    };

    /// <summary>The work as every reader takes it, plus what only a page says: announced or released.</summary>
    static JsonNode Shape(ParsedWork parsed)
    {
        var node = JsonSerializer.SerializeToNode(parsed.Work, KonomiJson.Options)!.AsObject();
        node["status"] = KebabCaseEnumConverter.Name(parsed.Status);
        if (parsed.ExpectedRelease is { } expected) node["expectedRelease"] = expected;
        return node;
    }
}
