using Konomi.Contracts;

namespace Konomi.TasteModels.Ngram;

/// <summary>
/// Turns feature contributions back into words a person reads. Each n-gram occurrence spreads its
/// contribution (weight × tf-idf value) over the characters it covers; runs of strongly pushing characters
/// become one term ("title: 耳かき" rather than 耳か, 耳かき, かき). Facets speak for themselves ("voice actor: X").
/// </summary>
internal static class NgramExplanation
{
    public const string Source = "model";

    public static IReadOnlyList<ScoreReason> Reasons(NgramModel model, TasteInput input, List<int> columns, List<float> values, int facetStart)
    {
        var reasons = TextReasons(model, input.Text, columns, values, facetStart);
        foreach (var facet in input.Facets)
        {
            if (!model.Vectorizer.TryColumn(NgramHashing.Facet(facet), out var column)) continue;
            var at = columns.IndexOf(column, facetStart);
            if (at >= 0) reasons.Add(new ScoreReason(Source, $"{facet.Field}: {facet.Value}", model.Weights[column] * values[at]));
        }
        return reasons
            .GroupBy(r => r.Text)
            .Select(g => new ScoreReason(Source, g.Key, g.Sum(r => r.Weight)))
            .OrderByDescending(r => Math.Abs(r.Weight))
            .ThenBy(r => r.Text, StringComparer.Ordinal)
            .Take(model.ReasonCount)
            .ToList();
    }

    private static List<ScoreReason> TextReasons(NgramModel model, string text, List<int> columns, List<float> values, int facetStart)
    {
        var total = new Dictionary<int, double>();
        for (var k = 0; k < facetStart; k++) total[columns[k]] = model.Weights[columns[k]] * values[k];
        var sink = new Occurrences(model.Vectorizer, total, []);
        var v = model.Vectorizer;
        NgramHashing.Text(text, v.MinN, v.MaxN, v.Words, ref sink);
        var count = new Dictionary<int, int>();
        foreach (var (column, _, _) in sink.Found) count[column] = count.GetValueOrDefault(column) + 1;

        var perChar = new double[text.Length];
        foreach (var (column, start, length) in sink.Found)
        {
            var share = total[column] / count[column] / length;
            for (var c = start; c < start + length; c++) perChar[c] += share;
        }
        return Runs(text, perChar);
    }

    /// <summary>Maximal same-sign runs of characters pushing at least a fifth as hard as the strongest one.</summary>
    private static List<ScoreReason> Runs(string text, double[] perChar)
    {
        var reasons = new List<ScoreReason>();
        var strongest = perChar.Length == 0 ? 0 : perChar.Max(Math.Abs);
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

    private readonly struct Occurrences(NgramVectorizer vectorizer, Dictionary<int, double> total, List<(int Column, int Start, int Length)> found) : IOccurrenceSink
    {
        public List<(int Column, int Start, int Length)> Found => found;

        public void Add(uint key, int start, int length)
        {
            if (vectorizer.TryColumn(key, out var column) && total.ContainsKey(column)) found.Add((column, start, length));
        }
    }
}
