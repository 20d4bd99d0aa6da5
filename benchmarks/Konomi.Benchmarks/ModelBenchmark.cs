using System.Diagnostics;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;

namespace Konomi.Benchmarks;

/// <summary>
/// Builds every benchmark task, writes each to one CSV, and cross-validates Konomi's families and the
/// scikit-learn peer on those same files (so both read identical texts, labels and folds) in one run.
/// The embedding family runs only on MovieLens: MiniLM is an English model. The stacked family runs everywhere
/// (on livedoor it shows its n-gram fallback).
/// </summary>
public sealed class ModelBenchmark(string dataDirectory, SklearnPeer peer, ITasteModelFamily ngram, ITasteModelFamily? embedding, ITasteModelFamily? stacked = null)
{
    public async Task<IReadOnlyList<ModelBenchmarkRow>> RunAsync(IReadOnlyList<int> users, IProgress<BenchmarkProgress> progress, CancellationToken ct, bool livedoor = true)
    {
        var tasks = (livedoor ? LivedoorCorpus.Tasks(dataDirectory) : []).Concat(MovieLensTasks.Tasks(dataDirectory, users)).ToArray();
        var folder = Directory.CreateTempSubdirectory("konomi-bench-");
        try
        {
            var files = tasks.Select((task, i) => (Task: task, Path: Path.Combine(folder.FullName, $"task{i}.csv"))).ToArray();
            foreach (var (task, path) in files) await task.WriteCsvAsync(path);

            // The peer's run counts as one step: it is one Python process over every task.
            var steps = 1 + files.Sum(f => Families(f.Task).Count());
            var done = 0;
            progress.Report(new BenchmarkProgress(done, steps, $"scikit-learn peer on {files.Length} tasks"));
            var peerResults = await peer.RunAsync(files.Select(f => (f.Task.PeerSetting, f.Path)).ToArray(), ct);

            progress.Report(new BenchmarkProgress(++done, steps, "scikit-learn peer done"));
            WarmUp(files[0].Path, files[0].Task, ct);
            var rows = new List<ModelBenchmarkRow>();
            foreach (var ((task, path), peerResult) in files.Zip(peerResults))
            {
                using var reader = new StreamReader(path);
                var data = LabelledCsv.Read(reader, folds: 5);
                foreach (var family in Families(task))
                {
                    progress.Report(new BenchmarkProgress(done, steps, $"{family.Name} on {task.Name} ({data.Examples.Count} examples)"));
                    var speed = new BatchSpeed(family);
                    var result = CrossValidation.Run(family.Name, speed.Train, data.Examples, data.Folds, ct);
                    var rates = speed.Measure(data.Examples, data.Folds, [.. BatchSpeed.Sizes, BatchSpeed.WholeFold]);
                    rows.Add(new ModelBenchmarkRow(task.Name, result, peerResult)
                    {
                        BatchScoresPerSecond = BatchSpeed.Sizes.ToDictionary(size => size, size => rates[size]),
                        WholeFoldScoresPerSecond = rates[BatchSpeed.WholeFold],
                    });
                    progress.Report(new BenchmarkProgress(++done, steps, $"{family.Name} on {task.Name} done"));
                }
            }
            return rows;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// One untimed training per family, then scoring in batches of 20 for two seconds, before anything is timed, so the
    /// first row's figures include neither compiling the code nor its first, unoptimised tier: .NET recompiles a method
    /// after 30 calls, in the background, and a service that has run for a minute scores with that code (the peer's
    /// process has imported its modules before it times anything).
    /// </summary>
    private void WarmUp(string path, BenchmarkTask task, CancellationToken ct)
    {
        using var reader = new StreamReader(path);
        var data = LabelledCsv.Read(reader, folds: 5);
        Example[] sample = [.. data.Examples.Where(e => e.Liked).Take(100), .. data.Examples.Where(e => !e.Liked).Take(100)];
        foreach (var family in Families(task))
        {
            var model = family.Train(sample, ct);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(2))
                // Fresh copies, as BatchSpeed times them: a work's features are made once per input instance.
                foreach (var batch in sample.Chunk(20)) model.Predict([.. batch.Select(e => e.Input with { })]);
        }
    }

    private IEnumerable<ITasteModelFamily> Families(BenchmarkTask task)
    {
        yield return ngram;
        if (embedding is not null && task.PeerSetting == "movielens") yield return embedding;
        if (stacked is not null) yield return stacked;
    }
}
