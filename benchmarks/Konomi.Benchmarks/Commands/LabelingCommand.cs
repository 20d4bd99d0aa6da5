using Konomi.Cli.Terminal;
using System.CommandLine;
using System.Text.Json;
using Konomi.Benchmarks.Labelling;
using Konomi.Labelling;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;

namespace Konomi.Benchmarks.Commands;

/// <summary>
/// <c>labeling</c>: held-out F1 after N labels and labels needed to reach a target F1, for random order, the spread
/// first screen and active learning, as JSON on stdout and a Markdown table on stderr. Without <c>--data</c> it runs
/// on the livedoor corpus in ../shared/data, prepared as <c>models</c> prepares it.
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
        var checkpoints = new Option<int[]>("--labels") { Description = "Label counts to measure at", DefaultValueFactory = _ => [20, 30, 50, 75, 100, 150, 200, 300, 400], AllowMultipleArgumentsPerToken = true };
        var orders = new Option<string[]>("--orders") { Description = $"Question orders to compare ({string.Join(", ", LabellingOrders.All)}); random is always measured", DefaultValueFactory = _ => [.. LabellingOrders.All], AllowMultipleArgumentsPerToken = true };
        orders.AcceptOnlyFromAmong([.. LabellingOrders.All]);
        var firstScreen = new Option<int>("--first-screen") { Description = "Spread questions before the pool's order in the first-screen orders (Labelling:FirstScreen)", DefaultValueFactory = _ => 20 };
        var target = new Option<double[]>("--target") { Description = "Target F1s, each a share of random order's mean F1 at the largest checkpoint", DefaultValueFactory = _ => [0.9, 1.0], AllowMultipleArgumentsPerToken = true };
        var poolSize = new Option<int?>("--pool-size") { Description = "Subsample each run's pool to this many items (seeded), for slow settings" };
        var command = new Command("labeling", "Held-out F1 after N labels and labels to a target F1: random order vs the spread first screen vs active learning, over folds and seeds")
            { data, livedoor, movieLens, seeds, folds, checkpoints, orders, firstScreen, target, poolSize };
        command.SetAction((parse, ct) =>
        {
            var (name, labelled, facets) = parse.GetValue(movieLens) is { } user ? MovieLens(user) : Load(parse.GetValue(data), parse.GetValue(livedoor)!);
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
            var settings = new LabellingRun([.. parse.GetValue(orders)!.Prepend(LabellingOrders.Random).Distinct()], parse.GetValue(checkpoints)!,
                parse.GetValue(seeds), parse.GetValue(folds), parse.GetValue(firstScreen), parse.GetValue(target)!, parse.GetValue(poolSize));
            var curve = benchmark.Run(name, labelled, facets!, settings, Console.Error, ct);
            Console.Out.WriteLine(JsonSerializer.Serialize(curve, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true }));
            Console.Error.WriteLine(LabellingTable.Markdown(curve));
            return Task.FromResult(0);
        });
        return BenchmarkCommand.Example(command, "labeling", "labeling --movielens 448", "labeling --livedoor title",
            "labeling --livedoor title+500 --pool-size 2000 --orders random first-screen", "labeling --data labelled.csv --seeds 1");
    }

    /// <summary>MovieLens facets: the movie's genres.</summary>
    static (string, LabelledData?, IReadOnlyList<IReadOnlyCollection<string>>?) MovieLens(int user)
    {
        var directory = BenchmarkData.Directory(null);
        var genres = MovieLensTasks.Genres(directory);
        var task = MovieLensTasks.Tasks(directory, [user]).Single();
        return (task.Name, Labelled(task.Items), [.. task.Items.Select(i => genres[i.Id])]);
    }

    static LabelledData Labelled(IReadOnlyList<BenchmarkItem> items) =>
        new([.. items.Select(i => i.Id)], [.. items.Select(i => new Example(TasteInput.FromText(i.Text), i.Liked))], [.. items.Select(i => i.Fold)]);

    /// <summary>Text without metadata (livedoor's section is the label): its character bigrams are its facets.</summary>
    static (string, LabelledData?, IReadOnlyList<IReadOnlyCollection<string>>?) Load(FileInfo? file, string livedoor)
    {
        if (file is null)
        {
            var task = LivedoorCorpus.Tasks(BenchmarkData.Directory(null)).Single(t => t.Name == $"livedoor {livedoor}");
            return (task.Name, Labelled(task.Items), [.. task.Items.Select(i => Bigrams(i.Text))]);
        }
        if (!file.Exists) return ($"{file.FullName}: no such file", null, null);
        try
        {
            using var reader = file.OpenText();
            var read = LabelledCsv.Read(reader, folds: 5);
            return (file.Name, read, [.. read.Examples.Select(e => Bigrams(e.Input.Text))]);
        }
        catch (FormatException e)
        {
            return ($"{file.Name}: {e.Message}", null, null);
        }
    }

    static IReadOnlyCollection<string> Bigrams(string text) =>
        [.. Enumerable.Range(0, Math.Max(0, text.Length - 1)).Select(i => text.Substring(i, 2)).Where(b => !b.Any(char.IsWhiteSpace)).Distinct()];
}
