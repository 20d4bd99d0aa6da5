using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Konomi.Contracts;
using Konomi.Crawler;
using Konomi.Crawler.Parsing;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi parse FILE|DIR [--jsonl]</c>: what the crawler reads from saved DLsite pages, as JSON on stdout. A work
/// is printed in the <see cref="KonomiJson"/> shape; with <c>--jsonl</c> the output is an import file for
/// <c>konomi works import</c>: works only, one per line, each id once.
/// </summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A saved work or announce page, listing page, product.json or product/info/ajax response; or a folder of them" }.FileName();
        var jsonl = new Option<bool>("--jsonl") { Description = "An import file for `konomi works import`: one work per line (a listing's works each on their own), each id once (the copy that tells most), product info left out; what is left out is said on stderr" };
        var command = new Command("parse", "Parse saved DLsite pages or JSON (kind told from the content) and print the result as JSON: one value per file, on one line when stdout is not a terminal") { path, jsonl };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(path)!;
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var importFile = parse.GetValue(jsonl);
            var oneLine = Console.IsOutputRedirected;
            var files = Directory.Exists(target)
                ? Directory.EnumerateFiles(target).Order(StringComparer.Ordinal).ToList()
                : [target];
            if (!Directory.Exists(target) && !File.Exists(target))
                return Cli.Fail(error, $"{Path.GetFullPath(target)}: no such file or folder");
            if (files.Count == 0)
                return Cli.Fail(error, $"{Path.GetFullPath(target)}: the folder holds no files to parse");
            var lines = new WorkLines();
            var failed = 0;
            foreach (var file in files)
            {
                try
                {
                    var content = File.ReadAllText(file);
                    if (importFile)
                    {
                        foreach (var note in lines.Add(file, content)) error.WriteLine($"{file}: {note}");
                    }
                    else
                        foreach (var node in Read(content, note => error.WriteLine($"{file}: {note}")))
                            output.WriteLine(node.ToJsonString(oneLine ? KonomiJson.Options : KonomiJson.Indented));
                }
                catch (Exception e) when (e is CrawlException or IOException or UnauthorizedAccessException)
                {
                    failed++;
                    error.WriteLine($"{file}: {e.Message.ReplaceLineEndings(" ")}");
                }
            }
            if (importFile) lines.Write(output, error);
            return failed == files.Count ? Cli.Error : Cli.Ok;
        });
        Cli.Example(command, "konomi parse saved/RJ01234567.html", "konomi parse saved/ --jsonl > works.jsonl && konomi works import works.jsonl");
        return command;
    }

    static IEnumerable<JsonNode> Read(string content, Action<string> note) => DocumentKinds.Detect(content) switch
    {
        DocumentKind.WorkPage => [Shape(Noted(WorkPageParser.Parse(content), note))],
        DocumentKind.ProductJson => [Shape(Noted(ProductJsonParser.Parse(content), note))],
        DocumentKind.Listing => [JsonSerializer.SerializeToNode(Listed(content), KonomiJson.Options)!],
        DocumentKind.ProductInfo => [JsonSerializer.SerializeToNode(
            ProductInfoParser.Parse(content).Select(p => new { id = p.Key, p.Value.Sales, p.Value.Wishlist, p.Value.RatingAverage, p.Value.RatingCount }), KonomiJson.Options)!],
        // A page saved from a browser that met a challenge (or DLsite's maintenance or 404 page) says what it is.
        _ => throw StandInPages.Error(content, "saved page") ?? NotADocument(content),
    };

    static IReadOnlyList<ListedWork> Listed(string content) => ListingPageParser.Parse(content).Works is { Count: > 0 } works
        ? works
        : throw new CrawlException(CrawlErrorKind.Malformed, "a listing page with no works in its result list");

    /// <summary>A page cut off before its work or listing markup says so; anything else is no DLsite document.</summary>
    static CrawlException NotADocument(string content) => content.TrimStart().StartsWith('<') && !HtmlDocuments.IsWhole(content)
        ? HtmlDocuments.CutOff(content, "saved page")
        : new(CrawlErrorKind.Malformed, "not a DLsite work page, listing page, product.json or product info response");

    static ParsedWork Noted(ParsedWork parsed, Action<string> note)
    {
        if (UnreadNote(parsed) is { } unread) note(unread);
        return parsed;
    }

    /// <summary>What the document shows that did not read (<see cref="ParsedWork.Unread"/>), as the crawler's warning names it.</summary>
    static string? UnreadNote(ParsedWork parsed) => parsed.Unread.Count == 0
        ? null
        : $"{parsed.Work.Id}: shows {string.Join(", ", parsed.Unread)} in a form Konomi does not read: left empty or taken from elsewhere";

    /// <summary>The work as every reader takes it, plus what only a page says: announced or released.</summary>
    static JsonNode Shape(ParsedWork parsed)
    {
        var node = JsonSerializer.SerializeToNode(parsed.Work, KonomiJson.Options)!.AsObject();
        node["status"] = KebabCaseEnumConverter.Name(parsed.Status);
        if (parsed.ExpectedRelease is { } expected) node["expectedRelease"] = expected;
        return node;
    }

    /// <summary>
    /// <c>--jsonl</c>: an import file for <c>konomi works import</c>, which takes works only, one per line, each id once.
    /// Everything is read before anything is printed, so a fuller copy in a later file still replaces an earlier one.
    /// </summary>
    sealed class WorkLines
    {
        // Ids in the order first seen, each with every copy read.
        readonly OrderedDictionary<string, List<Copy>> _copies = [];

        /// <summary>How much a copy of a work tells, least first: the copy that tells most is the one printed.</summary>
        enum Tells
        {
            /// <summary>A listing entry: id, title, circle, price; no genres, creators, description or release date.</summary>
            Listed,
            /// <summary>An announce page or product.json of a work not on sale: no release date, only the expected price.</summary>
            Announced,
            /// <summary>A released work's page or product.json: everything.</summary>
            Released,
        }

        sealed record Copy(string File, Tells Tells, JsonNode Work);

        /// <summary>
        /// Adds the file's works, kept to the rules the import reads by (<see cref="WorkLimits"/>) as the crawler keeps them: a text
        /// past its cap is cut to it, a work with a value no cut mends is left out. Returns what to say of the file: what was
        /// cut or left out, and why.
        /// </summary>
        public IReadOnlyList<string> Add(string file, string content)
        {
            var notes = new List<string>();
            switch (DocumentKinds.Detect(content))
            {
                case DocumentKind.WorkPage:
                    Keep(file, WorkPageParser.Parse(content), notes);
                    break;
                case DocumentKind.ProductJson:
                    Keep(file, ProductJsonParser.Parse(content), notes);
                    break;
                case DocumentKind.Listing:
                    foreach (var listed in Listed(content))
                        Keep(file, new ParsedWork(listed.AsWork(), WorkStatus.Released), notes, Tells.Listed);
                    break;
                case DocumentKind.ProductInfo:
                    var ids = ProductInfoParser.Parse(content).Keys;
                    notes.Add($"left out: product info holds popularity counts only ({string.Join(", ", ids)}), not works");
                    break;
                default:
                    throw NotADocument(content);
            }
            return notes;
        }

        /// <summary>
        /// An announced copy is never printed, so only a copy that may be is held to the rules. A page or product.json breaking
        /// one is refused as the crawler refuses it; a listing entry is left out alone, the listing's other works kept.
        /// </summary>
        void Keep(string file, ParsedWork parsed, List<string> notes, Tells tells = Tells.Released)
        {
            if (UnreadNote(parsed) is { } unread) notes.Add(unread);
            if (parsed.Status == WorkStatus.Announced)
            {
                Keep(new Copy(file, Tells.Announced, Shape(parsed)));
                return;
            }
            if (WorkLimits.Refusal(parsed.Work) is { } problem)
            {
                var refused = $"{parsed.Work.Id}: a value no work may have: {problem}";
                if (tells != Tells.Listed) throw new CrawlException(CrawlErrorKind.Malformed, refused);
                notes.Add($"left out: {refused}");
                return;
            }
            var (work, cut) = WorkLimits.Cut(parsed.Work);
            notes.AddRange(cut.Select(overrun => $"{work.Id}: {overrun}: cut to it"));
            Keep(new Copy(file, tells, tells == Tells.Listed ? JsonSerializer.SerializeToNode(work, KonomiJson.Options)! : Shape(parsed with { Work = work })));
        }

        void Keep(Copy copy)
        {
            var id = copy.Work["id"]!.GetValue<string>();
            if (_copies.TryGetValue(id, out var copies)) copies.Add(copy);
            else _copies[id] = [copy];
        }

        /// <summary>Each work once, in the order first seen, and one line on stderr per file whose copy was not printed.</summary>
        public void Write(TextWriter output, TextWriter error)
        {
            var leftOut = new OrderedDictionary<string, List<string>>();
            var notOnSale = new OrderedDictionary<string, List<string>>();
            foreach (var (id, copies) in _copies)
            {
                // The copy that tells more wins; of two that tell as much, the first file's (files are read in name order).
                var printed = copies.MaxBy(c => c.Tells)!;
                // An imported work counts as announced by Konomi: a work DLsite has not released yet would then never be
                // announced when it is. It is left out; the crawler brings it on its release.
                if (printed.Tells == Tells.Announced)
                {
                    foreach (var file in copies.Select(c => c.File).Distinct())
                        (notOnSale.TryGetValue(file, out var ids) ? ids : notOnSale[file] = []).Add(id);
                    continue;
                }
                output.WriteLine(printed.Work.ToJsonString(KonomiJson.Options));
                foreach (var other in copies.Where(c => !ReferenceEquals(c, printed)))
                {
                    var why = printed.Tells > other.Tells ? $"{Words(printed.Tells)} tells more than {Words(other.Tells)}" : "read first";
                    (leftOut.TryGetValue(other.File, out var ids) ? ids : leftOut[other.File] = []).Add($"{id} (printed from {Path.GetFileName(printed.File)}: {why})");
                }
            }
            foreach (var (file, ids) in leftOut)
                error.WriteLine($"{file}: left out as a duplicate: {string.Join("; ", ids)}");
            foreach (var (file, ids) in notOnSale)
                error.WriteLine($"{file}: left out: not on sale yet ({string.Join(", ", ids)}); the crawler announces it when DLsite releases it");
        }

        static string Words(Tells tells) => tells switch
        {
            Tells.Listed => "a listing entry",
            Tells.Announced => "the announced work",
            _ => "the released work",
        };
    }
}
