using Konomi.Labelling;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;

namespace Konomi.Benchmarks.Labelling;

/// <summary>
/// Simulates labelling on a labelled data set: for each held-out fold and seed, a user labels the other folds' items
/// in each of the <see cref="LabellingOrders"/>, and every model is scored on the held-out fold only, whose labels it
/// never saw. The pool's own order is a seeded shuffle (pool order says nothing about the labels), shared by every
/// order of a run, so the orders of one run differ only in what they ask first and are compared run by run.
/// </summary>
public sealed class LabellingBenchmark(ITasteModelFamily family, double diversity)
{
    /// <summary>Random labels before the active order's first model (the annotator's ActiveLearningMinLabels).</summary>
    public const int Start = 10;

    /// <param name="facets">Each example's facets for the spread orders (<see cref="FacetSpread"/>).</param>
    public LabellingCurve Run(string name, LabelledData data, IReadOnlyList<IReadOnlyCollection<string>> facets, LabellingRun settings, TextWriter progress, CancellationToken ct)
    {
        if (!settings.Orders.Contains(LabellingOrders.Random)) throw new ArgumentException("random order is the baseline and must be measured", nameof(settings));
        var checkpoints = settings.Checkpoints.Order().ToList();
        var vectors = data.Examples.Select(e => BigramVector.Of(e.Input.Text)).ToList();
        var f1 = settings.Orders.ToDictionary(o => o, _ => checkpoints.ToDictionary(c => c, _ => new List<double>()));
        var runs = 0;
        foreach (var fold in data.Folds.Distinct().Order().Take(settings.Folds))
            for (var seed = 0; seed < settings.Seeds; seed++)
            {
                ct.ThrowIfCancellationRequested();
                var test = Enumerable.Range(0, data.Examples.Count).Where(i => data.Folds[i] == fold).ToList();
                var shuffled = Enumerable.Range(0, data.Examples.Count).Where(i => data.Folds[i] != fold).ToArray();
                new Random(seed * 7919 + fold).Shuffle(shuffled);
                var pool = shuffled.Take(settings.PoolSize ?? shuffled.Length).ToList();
                var run = new Simulation(family, diversity, data, test, vectors, checkpoints.Where(c => c <= pool.Count).ToList(), ct);
                var spreadAll = Spread(pool, facets, checkpoints.Max());
                var screen = Spread(pool, facets, settings.FirstScreen);
                foreach (var order in settings.Orders)
                {
                    var measured = order switch
                    {
                        LabellingOrders.Random => run.Fixed(pool),
                        LabellingOrders.Spread => run.Fixed(spreadAll),
                        LabellingOrders.FirstScreen => run.Fixed(screen),
                        LabellingOrders.Active => run.Active(pool, Start),
                        LabellingOrders.FirstScreenActive => run.Active(screen, Math.Max(Start, settings.FirstScreen)),
                        _ => throw new ArgumentOutOfRangeException(nameof(settings), order, "unknown order"),
                    };
                    foreach (var (size, value) in measured) f1[order][size].Add(value);
                }
                progress.WriteLine($"fold {fold} seed {seed}: " + string.Join(" | ", settings.Orders.Select(o =>
                    $"{o} " + string.Join(' ', f1[o].Where(p => p.Value.Count > runs).Select(p => $"{p.Key}:{p.Value[^1]:0.000}")))));
                runs++;
            }

        var baseline = f1[LabellingOrders.Random];
        var largest = checkpoints.Last(c => baseline[c].Count == runs);
        int?[] Reach(Dictionary<int, List<double>> curve, double target) =>
            [.. Enumerable.Range(0, runs).Select(r => checkpoints.Cast<int?>().FirstOrDefault(c => curve[c!.Value].Count == runs && curve[c.Value][r] >= target))];
        var targets = settings.TargetShares.Select(share => (Share: share, F1: Math.Round(share * baseline[largest].Average(), 4))).ToList();
        var curves = settings.Orders.Select(o => new OrderCurve(o,
            [.. checkpoints.Select(c => LabellingPoint.Paired(c, baseline[c], f1[o][c]))],
            [.. targets.Select(t => LabelsToTarget.Of(t.Share, t.F1, Reach(f1[o], t.F1), Reach(baseline, t.F1)))])).ToList();
        return new LabellingCurve(name, data.Examples.Count, data.Examples.Count(e => e.Liked), runs, settings.FirstScreen,
            $"share × random order's mean F1 at {largest} labels", curves);
    }

    /// <summary>The pool with <paramref name="size"/> spread picks in front, ties and the rest in the pool's own order.</summary>
    static List<int> Spread(List<int> pool, IReadOnlyList<IReadOnlyCollection<string>> facets, int size) =>
        [.. FacetSpread.Rank([.. pool.Select(i => facets[i])], size).Select(o => pool[o])];

    /// <summary>One fold and seed: trains on labels asked in some order and scores the held-out fold.</summary>
    sealed class Simulation(ITasteModelFamily family, double diversity, LabelledData data, List<int> test, IReadOnlyList<BigramVector> vectors, List<int> checkpoints, CancellationToken ct)
    {
        /// <summary>An order fixed in advance: the first c items at each checkpoint c.</summary>
        public IEnumerable<(int Size, double F1)> Fixed(List<int> order) =>
            checkpoints.Select(c => (c, F1([.. order.Take(c)])));

        /// <summary>
        /// The first <paramref name="start"/> items of <paramref name="opening"/> (more until both answers exist), then
        /// batches of the items the model is least sure of (diversity penalty), batches growing with the labels and
        /// stopping on each checkpoint. Checkpoints before the first model are the opening's.
        /// </summary>
        public IEnumerable<(int Size, double F1)> Active(List<int> opening, int start)
        {
            var labelled = opening.Take(start).ToList();
            var next = labelled.Count;
            while (labelled.Select(i => data.Examples[i].Liked).Distinct().Count() < 2 && next < opening.Count)
                labelled.Add(opening[next++]);
            foreach (var c in checkpoints.Where(c => c < labelled.Count))
                yield return (c, F1([.. opening.Take(c)]));
            var unlabelled = opening.Except(labelled).ToList();
            var most = checkpoints.DefaultIfEmpty(0).Max();
            while (labelled.Count < most && unlabelled.Count > 0)
            {
                var model = family.Train([.. labelled.Select(i => data.Examples[i])], ct);
                if (checkpoints.Contains(labelled.Count)) yield return (labelled.Count, Score(model));
                var stop = checkpoints.Where(c => c > labelled.Count).Min();
                var batch = Math.Min(Math.Max(10, labelled.Count / 5), stop - labelled.Count);
                var scores = model.Predict([.. unlabelled.Select(i => data.Examples[i].Input)]).Select(p => p.Score).ToList();
                var order = UncertaintySampling.Rank(scores, model.Threshold, [.. unlabelled.Select(i => vectors[i])], diversity, batch);
                var chosen = order.Take(batch).Select(o => unlabelled[o]).ToList();
                labelled.AddRange(chosen);
                unlabelled = unlabelled.Except(chosen).ToList();
            }
            if (checkpoints.Contains(labelled.Count)) yield return (labelled.Count, F1(labelled));
        }

        double F1(List<int> train) =>
            train.Select(i => data.Examples[i].Liked).Distinct().Count() < 2 ? 0 : Score(family.Train([.. train.Select(i => data.Examples[i])], ct));

        double Score(ITasteModel model)
        {
            var predictions = model.Predict([.. test.Select(i => data.Examples[i].Input)]);
            return ClassificationMetrics.Measure([.. predictions.Select(p => p.Score)], [.. test.Select(i => data.Examples[i].Liked)], model.Threshold).F1;
        }
    }
}
