using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.Options;

namespace Konomi.Benchmarks.Ablations;

/// <summary>
/// Every <see cref="AblationVariant"/> of the <c>ngram</c> family and the scikit-learn peer on the same task files and
/// folds, in one run. Each fold's model makes every choice (C, threshold, NB ratios, idf) on its training folds.
/// </summary>
public sealed class AblationBenchmark(string dataDirectory, SklearnPeer peer, IReadOnlyList<AblationVariant> variants)
{
    public async Task<(IReadOnlyList<AblationResult> Konomi, IReadOnlyList<AblationResult> Peer)> RunAsync(
        IReadOnlyList<int> users, int livedoorDocuments, IProgress<BenchmarkProgress> progress, CancellationToken ct)
    {
        var tasks = LivedoorCorpus.Tasks(dataDirectory).Select(t => Subsample(t, livedoorDocuments))
            .Concat(MovieLensTasks.Tasks(dataDirectory, users)).ToArray();
        var folder = Directory.CreateTempSubdirectory("konomi-ablations-");
        try
        {
            var files = tasks.Select((task, i) => (Task: task, Path: Path.Combine(folder.FullName, $"task{i}.csv"))).ToArray();
            foreach (var (task, path) in files) await task.WriteCsvAsync(path);
            // The peer's one Python process runs beside Konomi's folds: nothing here is timed.
            var peerRun = peer.RunAsync([.. files.Select(f => (f.Task.PeerSetting, f.Path))], ct);

            var konomi = new List<AblationResult>();
            var steps = files.Length * variants.Count + 1;
            foreach (var (task, path) in files)
            {
                using var reader = new StreamReader(path);
                var data = LabelledCsv.Read(reader, folds: 5);
                var facets = task.Items.ToDictionary(i => i.Id, i => i.Facets);
                var withFacets = data.Examples.Select((e, i) => e with { Input = e.Input with { Facets = facets[data.Ids[i]] } }).ToArray();
                foreach (var variant in variants)
                {
                    progress.Report(new BenchmarkProgress(konomi.Count, steps, $"{variant.Name} on {task.Name} ({data.Examples.Count} examples)"));
                    var family = new NgramFamily(Options.Create(variant.Options));
                    var result = CrossValidation.Run(family, variant.Facets ? withFacets : data.Examples, data.Folds, ct);
                    var measured = new AblationResult(variant.Name, task.Name, result.F1Pooled, result.AveragePrecision, result.Folds.Count(f => f.Metrics.Threshold <= 0))
                    {
                        Posted = result.Posted(),
                        Liked = result.Liked,
                    };
                    Console.Error.WriteLine($"{task.Name}: {variant.Name}: F1 {measured.F1:0.000} AP {measured.AveragePrecision:0.000}, posted everything in {measured.FoldsPostingEverything}/5 folds (post-everything F1 {result.PostEverythingF1:0.000})");
                    konomi.Add(measured);
                }
            }
            progress.Report(new BenchmarkProgress(konomi.Count, steps, "waiting for the scikit-learn peer"));
            var peerResults = await peerRun;
            var peerRows = files.Zip(peerResults, (f, p) => new AblationResult("scikit-learn peer", f.Task.Name,
                p.Pooled.F1, p.Pooled.AveragePrecision, 0) { Posted = p.Pooled.Posted }).ToArray();
            return (konomi, peerRows);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Every k-th article (in file-name order) so about <paramref name="documents"/> remain; 0 keeps all.</summary>
    private static BenchmarkTask Subsample(BenchmarkTask task, int documents)
    {
        if (documents <= 0 || documents >= task.Items.Count) return task;
        var stride = (double)task.Items.Count / documents;
        return task with
        {
            Name = $"{task.Name} ({documents:#,0} of {task.Items.Count:#,0})",
            Items = [.. Enumerable.Range(0, documents).Select(k => task.Items[(int)(k * stride)])],
        };
    }
}
