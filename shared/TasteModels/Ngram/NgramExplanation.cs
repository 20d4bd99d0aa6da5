using Konomi.Contracts;

namespace Konomi.TasteModels.Ngram;

/// <summary>
/// Turns feature contributions back into words a person reads. Each n-gram occurrence spreads its
/// contribution (weight × tf-idf value) over the characters it covers; runs of strongly pushing characters
/// become one term ("title: 耳かき" rather than 耳か, 耳かき, かき). Facets speak for themselves ("voice actor: X"), their
/// like-rate share included.
/// </summary>
internal static class NgramExplanation
{
    public const string Source = "model";

    /// <param name="text">Each distinct text key's contribution, NaN when the model has no column for it.</param>
    /// <param name="facets">The same for each distinct facet key.</param>
    /// <param name="likeRates">Each distinct facet key's share of the like-rate columns (0 without them).</param>
    public static IReadOnlyList<ScoreReason> Reasons(int count, TasteInput input, NgramFeatures features, ReadOnlySpan<float> text, ReadOnlySpan<float> facets, ReadOnlySpan<float> likeRates)
    {
        var reasons = TextReasons(input.Text, features, text);
        for (var f = 0; f < input.Facets.Count; f++)
        {
            var contribution = facets[features.FacetOf[f]];
            var likeRate = likeRates[features.FacetOf[f]];
            if (!float.IsNaN(contribution) || likeRate != 0)
                reasons.Add(new ScoreReason(Source, $"{input.Facets[f].Field}: {input.Facets[f].Value}", (float.IsNaN(contribution) ? 0 : contribution) + likeRate));
        }
        return reasons
            .GroupBy(r => r.Text)
            .Select(g => new ScoreReason(Source, g.Key, g.Sum(r => r.Weight)))
            .OrderByDescending(r => Math.Abs(r.Weight))
            .ThenBy(r => r.Text, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    private static List<ScoreReason> TextReasons(string text, NgramFeatures features, ReadOnlySpan<float> contributions)
    {
        var perChar = new double[text.Length];
        foreach (var (key, start, length) in features.Occurrences)
        {
            var contribution = contributions[key];
            if (float.IsNaN(contribution)) continue;
            var share = (double)contribution / features.TextCounts[key] / length;
            for (var c = start; c < start + length; c++) perChar[c] += share;
        }
        return Runs(text, perChar);
    }

    /// <summary>Maximal same-sign runs of characters pushing at least a fifth as hard as the strongest one.</summary>
    private static List<ScoreReason> Runs(string text, double[] perChar)
    {
        var reasons = new List<ScoreReason>();
        var strongest = 0.0;
        foreach (var value in perChar) strongest = Math.Max(strongest, Math.Abs(value));
        if (strongest == 0) return reasons;
        var floor = strongest / 5;
        var multiLine = text.Contains('\n');
        for (var i = 0; i < text.Length;)
        {
            if (Math.Abs(perChar[i]) < floor || char.IsWhiteSpace(text[i])) { i++; continue; }
            var sign = Math.Sign(perChar[i]);
            var from = i;
            var sum = 0.0;
            for (; i < text.Length && text[i] != '\n' && Math.Sign(perChar[i]) == sign && Math.Abs(perChar[i]) >= floor; i++) sum += perChar[i];
            var term = text[from..i].Trim();
            if (term.Length == 0) continue;
            var field = multiLine && text.LastIndexOf('\n', from) < 0 ? "title" : "text";
            reasons.Add(new ScoreReason(Source, $"{field}: {term}", sum));
        }
        return reasons;
    }
}
