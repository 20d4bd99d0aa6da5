using Konomi.Cli.Terminal;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Konomi.TasteModels;
using Konomi.TasteModels.Classifier;
using Konomi.TasteModels.Embedding;
using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Konomi.TasteModels.Stacked;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Cli.Commands;

/// <summary><c>konomi eval</c>: cross-validates a model family on a labelled CSV and prints one JSON object.</summary>
public static class EvalCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "CSV with header id,text,label[,fold] (label 0/1), or .jsonl of {label, fold?, work}", Required = true }.FileName();
        // The registry's families are only known once a host is built; help is built without one (a test checks both agree).
        string[] families = [NgramFamily.Name, EmbeddingFamily.Name, StackedFamily.Name, ClassifierFamily.Name];
        var model = new Option<string>("--model") { Description = $"Model family: {string.Join(", ", families)}", DefaultValueFactory = _ => NgramFamily.Name };
        var folds = new Option<int>("--folds") { Description = "Folds by a stable hash of id when the file has no fold column", DefaultValueFactory = _ => 5 }
            .MustBe(n => n >= 2, "at least 2");
        var description = new Option<DescriptionSelection?>("--description") { Description = "For .jsonl works: Whole, BestBlock or None (default: TasteModels:Input:Description)" };
        var k = new Option<int>("--k") { Description = "k of precision@k: the posts a user sees per crawl (MaxPerRun)", DefaultValueFactory = _ => new Storage.Ports.UserProfile("-").MaxPerRun }
            .MustBe(n => n >= 1, "at least 1");
        var command = new Command("eval", "Cross-validate a taste model family on labelled texts or works") { data, model, folds, description, k };
        command.SetAction((parse, ct) => Task.FromResult(Run(parse.GetValue(data)!, parse.GetValue(model)!, parse.GetValue(folds), parse.GetValue(description), parse.GetValue(k), ct)));
        return Cli.Example(command, "konomi eval --data labelled.csv", "konomi eval --data works.jsonl --model ngram --description Whole");
    }

    private static int Run(FileInfo file, string model, int folds, DescriptionSelection? description, int k, CancellationToken ct)
    {
        if (Directory.Exists(file.FullName)) return Cli.Fail($"{file.FullName} is a folder; give a CSV or .jsonl file");
        if (!file.Exists) return Cli.Fail($"{file.FullName}: no such file");
        var builder = CommandHost.CreateBuilder(store: false);
        builder.Services.AddTasteModels();
        if (description is { } selection) builder.Services.Configure<TasteInputOptions>(o => o.Description = selection);
        using var host = builder.Build();
        var families = host.Services.GetRequiredService<TasteModelFamilies>();
        LabelledData data;
        try
        {
            var (text, notUtf8Line) = Utf8Text.Decode(File.ReadAllBytes(file.FullName));
            if (notUtf8Line is { } line) return Cli.Fail($"{file.Name}: line {line}: not UTF-8 text ({Utf8Text.SaveAsUtf8})");
            using var reader = new StringReader(text!);
            data = file.Extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase)
                ? LabelledWorks.Read(reader, folds, host.Services.GetRequiredService<TasteInputBuilder>())
                : LabelledCsv.Read(reader, folds);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return Cli.Fail($"{file.Name}: {e.Message}");
        }

        if (!families.Names.Contains(model, StringComparer.OrdinalIgnoreCase))
            return Cli.UsageError("konomi eval", $"unknown --model '{model}'; known: {string.Join(", ", families.Names)}");

        if (data.Folds.Select((fold, i) => (fold, i)).GroupBy(x => x.fold)
                .Any(g => data.Examples.Where((_, i) => data.Folds[i] != g.Key).Select(e => e.Liked).Distinct().Count() < 2))
            return Cli.Fail("a fold's training part holds only one answer: each answer needs at least 2 examples (and, with a fold column, in two folds)");
        var result = CrossValidation.Run(families.Get(model), data.Examples, data.Folds, ct);
        Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            model = result.Family,
            n = result.Examples,
            positives = result.Positives,
            folds = result.Folds.Count,
            result.F1Pooled,
            result.AveragePrecision,
            precisionAtK = result.PrecisionAtK(k),
            k,
            result.PostEverythingF1,
            calibration = PlattScaling.Fit(result.OutOfFold, result.Liked),
            result.Accuracy,
            result.Precision,
            result.Recall,
            result.F1,
            result.RocAuc,
            result.PrAuc,
            result.Threshold,
            confusion = result.Confusion,
            result.TrainSeconds,
            result.ScoresPerSecond,
            perFold = result.Folds,
        }, Json));
        return 0;
    }
}
