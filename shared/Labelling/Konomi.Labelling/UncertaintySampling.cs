namespace Konomi.Labelling;

/// <summary>
/// Active learning's question order: the items whose score sits closest to the model's <see cref="Boundary"/> first,
/// because their answers move the model most. The first <c>batch</c> picks are made greedily from the most
/// uncertain candidates with a penalty for likeness to the items already picked, so one batch does not ask
/// five near-copies of the same work.
/// </summary>
public static class UncertaintySampling
{
    /// <summary>
    /// The score a question is uncertain about: the model's threshold, or the classifier's own 0.5 when the threshold
    /// is "post everything" (0, see ThresholdRule) and so decides nothing to be unsure of.
    /// </summary>
    public static double Boundary(double threshold) => threshold is > 0 and < 1 ? threshold : 0.5;

    public static IReadOnlyList<int> Rank(
        IReadOnlyList<double> scores, double threshold, IReadOnlyList<BigramVector> vectors, double diversity, int batch)
    {
        threshold = Boundary(threshold);
        var byMargin = Enumerable.Range(0, scores.Count).OrderBy(i => Math.Abs(scores[i] - threshold)).ThenBy(i => i).ToList();
        if (diversity <= 0 || byMargin.Count <= 1) return byMargin;

        var candidates = byMargin.Take(batch * 5).ToList();
        var widest = Math.Max(1e-9, candidates.Max(i => Math.Abs(scores[i] - threshold)));
        var picked = new List<int>();
        while (picked.Count < batch && candidates.Count > 0)
        {
            var next = candidates.MinBy(i => Math.Abs(scores[i] - threshold) / widest
                + diversity * picked.Select(p => vectors[i].Cosine(vectors[p])).DefaultIfEmpty(0).Max());
            picked.Add(next);
            candidates.Remove(next);
        }
        return [.. picked, .. byMargin.Except(picked)];
    }
}
