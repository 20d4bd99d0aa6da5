using Konomi.Cli.Terminal;
using System.CommandLine;
using System.Text.Json;
using Konomi.Benchmarks.Labelling;
using Konomi.Labelling;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;

namespace Konomi.Benchmarks.Commands;

/// <summary>
/// <c>labeling</c>: held-out F1 after 50, 100, 200, 400 labels in random order vs Konomi's
/// active-learning order, as JSON. Without <c>--data</c> it runs on the livedoor corpus in ../shared/data,
/// prepared as <c>models</c> prepares it.
/// </summary>
public static class LabelingCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo?>("--data") { Description = "A konomi eval CSV (id,text,label[,fold]); default: livedoor title+500 from ../shared/data" };
        var seeds = new Option<int>("--seeds") { Description = "Random seeds per held-out fold", DefaultValueFactory = _ => 3 };
        var folds = new Option<int>("--folds") { Description = "Held-out folds used (of 5)", DefaultValueFactory = _ => 5 };
        var checkpoints = new Option<int[]>("--labels") { Description = "Label counts to measure at", DefaultValueFactory = _ => [50, 100, 200, 400], AllowMultipleArgumentsPerToken = true };
        var command = new Command("labeling", "Held-out F1 after N labels: random order vs Konomi's active-learning order, averaged over folds and seeds") { data, seeds, folds, checkpoints };
        command.SetAction((parse, ct) =>
        {
            var (name, labelled) = Load(parse.GetValue(data));
            if (labelled is null)
            {
                Console.Error.WriteLine(name);
                return Task.FromResult(1);
            }
            var builder = Host.CreateApplicationBuilder();
            builder.AddKonomiConsole();
            builder.Services.AddTasteModels();
            using var host = builder.Build();
            var diversity = new LabellingOptions().Diversity;
            var benchmark = new LabellingBenchmark(host.Services.GetRequiredService<TasteModelFamilies>().Default, diversity);
            var curve = benchmark.Run(name, labelled, parse.GetValue(checkpoints)!, parse.GetValue(seeds), parse.GetValue(folds), Console.Error, ct);
            Console.Out.WriteLine(JsonSerializer.Serialize(curve, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true }));
            return Task.FromResult(0);
        });
        return BenchmarkCommand.Example(command, "labeling", "labeling --data labelled.csv --seeds 1");
    }

    static (string, LabelledData?) Load(FileInfo? file)
    {
        if (file is null)
        {
            var task = LivedoorCorpus.Tasks(BenchmarkData.Directory(null)).Single(t => t.Name == "livedoor title+500");
            var ids = task.Items.Select(i => i.Id).ToList();
            return (task.Name, new LabelledData(ids, [.. task.Items.Select(i => new Example(TasteInput.FromText(i.Text), i.Liked))], [.. task.Items.Select(i => i.Fold)]));
        }
        if (!file.Exists) return ($"{file.FullName}: no such file", null);
        try
        {
            using var reader = file.OpenText();
            return (file.Name, LabelledCsv.Read(reader, folds: 5));
        }
        catch (FormatException e)
        {
            return ($"{file.Name}: {e.Message}", null);
        }
    }
}
