using Konomi.Contracts;
using Konomi.TasteModels.Input;

namespace Konomi.Labelling;

/// <summary>
/// A first screen spread over the pool: greedy max-coverage of facets (circles, voice actors, genres) with
/// diminishing returns, no labels needed. A pick gains Σ 1/(1 + times the facet was already asked) over its
/// facets, so the first questions meet as many different circles and genres as they can, and a facet seen before
/// still counts a little once every facet is met. The gain only falls as picks are made (submodular), so a
/// stale gain is an upper bound and the lazy greedy of Minoux (1978) picks exactly what the plain greedy picks.
/// Ties keep pool order (newest first).
/// </summary>
public static class FacetSpread
{
    /// <summary>A work's facets: its circle, voice actors and genres, width-normalised and case-folded.</summary>
    public static IReadOnlyCollection<string> Of(Work work) =>
        [.. new[] { PreferenceKinds.Circle, PreferenceKinds.VoiceActor, PreferenceKinds.Genre }
            .SelectMany(kind => kind.Values(work).Select(DlsiteText.Value).Where(v => v.Length > 0).Select(v => $"{kind.Name}:{v.ToLowerInvariant()}"))
            .Distinct()];

    /// <summary>
    /// The indices of <paramref name="facets"/>: <paramref name="size"/> spread picks first, then the rest in pool
    /// order. <paramref name="asked"/> are facets of works already answered, counted as picked.
    /// </summary>
    public static IReadOnlyList<int> Rank(IReadOnlyList<IReadOnlyCollection<string>> facets, int size, IEnumerable<string>? asked = null)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var facet in asked ?? []) seen[facet] = seen.GetValueOrDefault(facet) + 1;
        double Gain(int i) => facets[i].Sum(f => 1.0 / (1 + seen.GetValueOrDefault(f)));

        // Highest gain first, then pool order.
        var queue = new PriorityQueue<int, (double Gain, int Index)>(
            Comparer<(double Gain, int Index)>.Create((a, b) => a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Index.CompareTo(b.Index)));
        for (var i = 0; i < facets.Count; i++) queue.Enqueue(i, (Gain(i), i));

        var picked = new List<int>(Math.Min(size, facets.Count));
        while (picked.Count < size && queue.TryDequeue(out var i, out _))
        {
            var fresh = (Gain(i), i);
            if (queue.TryPeek(out _, out var next) && queue.Comparer.Compare(fresh, next) > 0)
            {
                queue.Enqueue(i, fresh);
                continue;
            }
            picked.Add(i);
            foreach (var facet in facets[i]) seen[facet] = seen.GetValueOrDefault(facet) + 1;
        }
        var chosen = picked.ToHashSet();
        return [.. picked, .. Enumerable.Range(0, facets.Count).Where(i => !chosen.Contains(i))];
    }
}
