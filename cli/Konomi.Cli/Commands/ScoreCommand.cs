using System.CommandLine;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Inference;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Cli.Commands;

/// <summary><c>konomi score</c>: one work's score and reasons for each active user (or one), without storing anything.</summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo?>("--work") { Description = "A work as JSON: what `konomi parse` prints, one line of `works export`, the body of POST /score; - reads standard input" }.FileName();
        var id = new Option<string?>("--id") { Description = "A stored work's id, e.g. RJ01234567" }
            .MustBe(value => value is null || !string.IsNullOrWhiteSpace(value), "a work id such as RJ01234567, not empty");
        var user = new Option<string?>("--user") { Description = "Only this user (default: every active user)" };
        var dataDir = CommonOptions.DataDir();
        var command = new Command("score", "Score one work with each user's serving model and print the reasons") { file, id, user, dataDir };
        command.Validators.Add(r =>
        {
            // Whether each was given, not its value: a path that does not parse (--work "") would throw here, before its own error.
            if ((r.GetResult(file) is null) == (r.GetResult(id) is null))
                r.AddError("Give exactly one of --work FILE.json or --id RJ....");
        });
        command.SetAction(async (parse, ct) =>
        {
            var builder = CommandHost.CreateBuilder(parse.GetValue(dataDir));
            builder.AddInference();
            using var host = builder.Build();
            var services = host.Services;
            var (work, error) = parse.GetValue(file) is { } json
                ? await ReadAsync(json, ct)
                : await FindAsync(services.GetRequiredService<IWorkStore>(), parse.GetValue(id)!, ct);
            if (work is null) return Cli.Fail(error!);
            var users = await services.GetRequiredService<Audience>().ListAsync(
                await KnownUsers.RequireOptionalAsync(services.GetRequiredService<IUserStore>(), parse.GetValue(user), ct), ct);
            foreach (var score in await services.GetRequiredService<WorkScorer>().ScoreAsync(WorkScorer.OnRequest, [work], users, ct))
                Print(work, score);
            return 0;
        });
        return Cli.Example(command, "konomi score --id RJ01234567", "konomi parse saved/RJ01234567.html > work.json && konomi score --work work.json --user me");
    }

    static async Task<(Work?, string?)> ReadAsync(FileInfo file, CancellationToken ct)
    {
        // As the imports take it: `konomi parse page.html | konomi score --work -`.
        var stdin = file.ToString() == "-";
        var shown = stdin ? "stdin" : file.FullName;
        if (!stdin && Directory.Exists(file.FullName)) return (null, $"{file.FullName} is a folder; give a work's JSON file");
        if (!stdin && !file.Exists) return (null, $"{file.FullName}: no such file");
        // Reading a closed stdin would wait for ever on the pipe the runtime put in its place.
        if (stdin && SpecialFiles.StandardInputClosed())
            return (null, "stdin is closed: pipe a work in (`konomi parse page.html | konomi score --work -`) or name its file");
        var (text, notUtf8Line) = await Utf8Text.ReadAsync(stdin ? Console.OpenStandardInput() : file.OpenRead(), ct);
        if (notUtf8Line is { } line) return (null, $"{shown}: line {line}: not UTF-8 text ({Utf8Text.SaveAsUtf8})");
        var (work, problem) = WorkJson.Read(text!);
        return (work, problem is null ? null : $"{shown}: {problem}");
    }

    static async Task<(Work?, string?)> FindAsync(IWorkStore works, string id, CancellationToken ct) =>
        await works.FindAsync(id, ct) is { } work
            ? (work, null)
            : (null, $"no stored work has the id {id}; score its saved page instead: `konomi parse page.html > work.json && konomi score --work work.json`");

    /// <summary>What made a score without a model: a labelled user's works are not liked until a model serves, whatever their popularity.</summary>
    static string ColdStart(string modelId) => modelId switch
    {
        PreferenceScorer.AwaitingModel => "until one does, no work is liked for this user (model awaiting-model)",
        PreferenceScorer.PreferencesModel => "this score is the cold start's, from the user's preferences",
        PopularityPrior.Source => "this score is the cold start's, from DLsite's popularity counts",
        _ => "the cold start has nothing to go on (no preferences, no popularity counts)",
    };

    static void Print(Work work, WorkScored score)
    {
        var verdict = score.Liked switch { true => "liked", false => "not liked", null => "no verdict (no model yet)" };
        Console.WriteLine($"{score.UserId}: {work.Id} {work.Title}");
        Console.WriteLine($"  score {score.Score:0.000} (threshold {score.Threshold:0.000}) -> {verdict}; model {score.ModelId} v{score.ModelVersion}");
        // Why no model scored it comes first, as the verdict's reason; the other reasons are the cold start's.
        if (score.NoModel is { } noModel)
            Console.WriteLine($"  no model serves: {noModel} (`konomi status`); {ColdStart(score.ModelId)}");
        foreach (var reason in score.Reasons.Where(r => r.Source != WorkScored.NoModelSource))
            Console.WriteLine($"  {Figures.Signed(reason.Weight),7}  {reason.Text}");
    }
}
