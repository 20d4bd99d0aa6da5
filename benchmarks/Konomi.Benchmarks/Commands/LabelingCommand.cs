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
        var livedoor = new Option<string>("--livedoor") { Description = "Without --data: the livedoor setting, title or title+500", DefaultValueFactory = _ => "title+500" };
        livedoor.AcceptOnlyFromAmong("title", "title+500");
        var movieLens = new Option<int?>("--movielens") { Description = "A MovieLens user from ../shared/data instead (label = rating >= 4), prepared as the models benchmark prepares it" };
        var checkpoints = new Option<int[]>("--labels") { Description = "Label counts to measure at", DefaultValueFactory = _ => [50, 100, 200, 400], AllowMultipleArgumentsPerToken = true };
        var command = new Command("labeling", "Held-out F1 after N labels: random order vs Konomi's active-learning order, averaged over folds and seeds") { data, livedoor, movieLens, seeds, folds, checkpoints };
        command.SetAction((parse, ct) =>
        {
            var (name, labelled) = parse.GetValue(movieLens) is { } user ? MovieLens(user) : Load(parse.GetValue(data), parse.GetValue(livedoor)!);
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
        return BenchmarkCommand.Example(command, "labeling", "labeling --movielens 448", "labeling --livedoor title", "labeling --data labelled.csv --seeds 1");
    }

    static (string, LabelledData?) MovieLens(int user) =>
        FromTask(MovieLensTasks.Tasks(BenchmarkData.Directory(null), [user]).Single());

    static (string, LabelledData?) FromTask(BenchmarkTask task) =>
        (task.Name, new LabelledData([.. task.Items.Select(i => i.Id)], [.. task.Items.Select(i => new Example(TasteInput.FromText(i.Text), i.Liked))], [.. task.Items.Select(i => i.Fold)]));

    static (string, LabelledData?) Load(FileInfo? file, string livedoor)
    {
        if (file is null)
        {
            return FromTask(LivedoorCorpus.Tasks(BenchmarkData.Directory(null)).Single(t => t.Name == $"livedoor {livedoor}"));
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
