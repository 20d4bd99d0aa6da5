using Konomi.Labelling;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;

namespace Konomi.Benchmarks.Labelling;

/// <summary>
/// Simulates labelling on a labelled data set: for each held-out fold and seed, a user labels the other folds'
/// items either in random order or in Konomi's order (random until both answers exist and
/// <see cref="Start"/> labels, then the most uncertain items with the diversity penalty, the model retrained
/// after each batch). Every model is scored on the held-out fold only, whose labels it never saw. Both orders
/// start from the same random labels, so the comparison differs only in the order.
/// </summary>
public sealed class LabellingBenchmark(ITasteModelFamily family, double diversity)
{
    public const int Start = 10;

    public LabellingCurve Run(string name, LabelledData data, IReadOnlyList<int> checkpoints, int seeds, int folds, TextWriter progress, CancellationToken ct)
    {
        var vectors = data.Examples.Select(e => BigramVector.Of(e.Input.Text)).ToList();
        var random = new Dictionary<int, List<double>>();
        var konomi = new Dictionary<int, List<double>>();
        var runs = 0;
        foreach (var fold in data.Folds.Distinct().Order().Take(folds))
            for (var seed = 0; seed < seeds; seed++)
            {
                ct.ThrowIfCancellationRequested();
                var test = Enumerable.Range(0, data.Examples.Count).Where(i => data.Folds[i] == fold).ToList();
                var pool = Enumerable.Range(0, data.Examples.Count).Where(i => data.Folds[i] != fold).ToList();
                var order = pool.ToArray();
                new Random(seed * 7919 + fold).Shuffle(order);
                var shuffled = order.ToList();
                foreach (var size in checkpoints.Where(c => c <= pool.Count))
                    Add(random, size, F1(shuffled.Take(size).ToList(), test, data, ct));
                foreach (var (size, f1) in Active(shuffled, test, data, vectors, checkpoints.Max(), checkpoints, ct))
                    Add(konomi, size, f1);
                progress.WriteLine($"fold {fold} seed {seed}: random {Describe(random)} | konomi {Describe(konomi, checkpoints)}");
                runs++;
            }
        var randomBest = random.TryGetValue(checkpoints.Max(), out var last) ? last.Average() : (double?)null;
        var reach = randomBest is { } target
            ? konomi.Keys.Order().Cast<int?>().FirstOrDefault(size => konomi[size!.Value].Average() >= target)
            : null;
        var points = checkpoints.Select(c => LabellingPoint.Paired(c, random.GetValueOrDefault(c), konomi.GetValueOrDefault(c))).ToList();
        return new LabellingCurve(name, data.Examples.Count, data.Examples.Count(e => e.Liked), runs, points, reach);
    }

    /// <summary>Konomi's order: yields the held-out F1 after every batch, batches growing with the labels and stopping on each checkpoint.</summary>
    IEnumerable<(int Size, double F1)> Active(List<int> shuffled, List<int> test, LabelledData data,
        IReadOnlyList<BigramVector> vectors, int most, IReadOnlyList<int> checkpoints, CancellationToken ct)
    {
        var labelled = shuffled.Take(Start).ToList();
        var next = Start;
        while (labelled.Select(i => data.Examples[i].Liked).Distinct().Count() < 2 && next < shuffled.Count)
            labelled.Add(shuffled[next++]);
        var unlabelled = shuffled.Except(labelled).ToList();
        while (true)
        {
            var model = family.Train([.. labelled.Select(i => data.Examples[i])], ct);
            yield return (labelled.Count, F1(model, test, data));
            if (labelled.Count >= most || unlabelled.Count == 0) yield break;
            var batch = Math.Max(10, labelled.Count / 5);
            var stop = checkpoints.Where(c => c > labelled.Count).DefaultIfEmpty(most).Min();
            batch = Math.Min(batch, stop - labelled.Count);
            var scores = model.Predict([.. unlabelled.Select(i => data.Examples[i].Input)]).Select(p => p.Score).ToList();
            var order = UncertaintySampling.Rank(scores, model.Threshold, [.. unlabelled.Select(i => vectors[i])], diversity, batch);
            var chosen = order.Take(batch).Select(o => unlabelled[o]).ToList();
            labelled.AddRange(chosen);
            unlabelled = unlabelled.Except(chosen).ToList();
        }
    }

    double F1(List<int> train, List<int> test, LabelledData data, CancellationToken ct) =>
        train.Select(i => data.Examples[i].Liked).Distinct().Count() < 2 ? 0 : F1(family.Train([.. train.Select(i => data.Examples[i])], ct), test, data);

    static double F1(ITasteModel model, List<int> test, LabelledData data)
    {
        var predictions = model.Predict([.. test.Select(i => data.Examples[i].Input)]);
        return ClassificationMetrics.Measure([.. predictions.Select(p => p.Score)], [.. test.Select(i => data.Examples[i].Liked)], model.Threshold).F1;
    }

    static void Add(Dictionary<int, List<double>> curve, int size, double f1)
    {
        if (!curve.TryGetValue(size, out var values)) curve[size] = values = [];
        values.Add(f1);
    }

    static string Describe(Dictionary<int, List<double>> curve, IReadOnlyList<int>? only = null) =>
        string.Join(' ', curve.Keys.Where(k => only is null || only.Contains(k)).Order().Select(k => $"{k}:{curve[k][^1]:0.000}"));
}
