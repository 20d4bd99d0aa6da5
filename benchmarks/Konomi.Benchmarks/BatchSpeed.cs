using System.Diagnostics;
using Konomi.TasteModels;

namespace Konomi.Benchmarks;

/// <summary>
/// Scoring speed in the batches the inference service sees (one crawl: 20-200 works), next to the peer's in
/// the same sizes: each fold's model scores its test fold again, cut into batches, timed and pooled over folds.
/// Inputs are fresh copies, so nothing made while cross-validating (an input's shared n-gram features) is reused.
/// </summary>
public sealed class BatchSpeed(ITasteModelFamily family)
{
    public static readonly IReadOnlyList<int> Sizes = [20, 200];

    private readonly List<ITasteModel> _models = [];

    /// <summary>Trains as the family does and keeps each fold's model, in fold order.</summary>
    public ITasteModel Train(IReadOnlyList<Example> examples, CancellationToken ct)
    {
        var model = family.Train(examples, ct);
        _models.Add(model);
        return model;
    }

    public IReadOnlyDictionary<int, double> Measure(IReadOnlyList<Example> examples, IReadOnlyList<int> folds, IReadOnlyList<int> sizes)
    {
        var order = folds.Distinct().Order().ToArray();
        return sizes.ToDictionary(size => size, size =>
        {
            var seconds = 0.0;
            foreach (var (fold, model) in order.Zip(_models))
            {
                var test = examples.Where((_, i) => folds[i] == fold).Select(e => e.Input with { }).ToArray();
                var clock = Stopwatch.StartNew();
                foreach (var batch in test.Chunk(size)) model.Predict(batch);
                seconds += clock.Elapsed.TotalSeconds;
            }
            return examples.Count / seconds;
        });
    }
}

/// <summary>How long one family takes to train on every livedoor title, timed on its own (after one untimed run warms the JIT).</summary>
public static class FullTraining
{
    public static (int Examples, double Seconds) LivedoorTitles(string dataDirectory, ITasteModelFamily family, CancellationToken ct)
    {
        var task = LivedoorCorpus.Tasks(dataDirectory).Single(t => t.Name == "livedoor title");
        var examples = task.Items.Select(i => new Example(TasteInput.FromText(i.Text), i.Liked)).ToArray();
        family.Train(examples, ct);
        var clock = Stopwatch.StartNew();
        family.Train(examples, ct);
        return (examples.Length, clock.Elapsed.TotalSeconds);
    }
}
