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

    /// <summary>A batch size that puts each whole test fold in one call.</summary>
    public const int WholeFold = int.MaxValue;

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
