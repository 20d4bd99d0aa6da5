using System.Buffers;
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
    /// <remarks>
    /// Every user's model explains every work of a crawl, so this is on the serving hot path: the candidate terms are
    /// spans of the text in pooled arrays, equal terms are summed and the strongest <paramref name="count"/> chosen
    /// before any string is made (a page-long work has dozens of candidate runs; docs/scale.md).
    /// </remarks>
    public static IReadOnlyList<ScoreReason> Reasons(int count, TasteInput input, NgramFeatures features, ReadOnlySpan<float> text, ReadOnlySpan<float> facets, ReadOnlySpan<float> likeRates)
    {
        var candidates = new Candidates(input.Text.Length / 4 + input.Facets.Count + 8);
        try
        {
            TextRuns(input.Text, features, text, ref candidates);
            for (var f = 0; f < input.Facets.Count; f++)
            {
                var contribution = facets[features.FacetOf[f]];
                var likeRate = likeRates[features.FacetOf[f]];
                if (!float.IsNaN(contribution) || likeRate != 0)
                {
                    var facetText = features.FacetReasonTexts[f];
                    candidates.Add(new Candidate(facetText, facetText, 0, 0, (float.IsNaN(contribution) ? 0 : contribution) + likeRate));
                }
            }
            return candidates.Strongest(count);
        }
        finally
        {
            candidates.Dispose();
        }
    }

    /// <summary>
    /// Each n-gram occurrence's contribution spread over the characters it covers; then the maximal same-sign runs of
    /// characters pushing at least a fifth as hard as the strongest one, within a line, trimmed.
    /// </summary>
    private static void TextRuns(string text, NgramFeatures features, ReadOnlySpan<float> contributions, ref Candidates candidates)
    {
        var perChar = ArrayPool<double>.Shared.Rent(text.Length);
        try
        {
            Array.Clear(perChar, 0, text.Length);
            foreach (var (key, start, length) in features.Occurrences)
            {
                var contribution = contributions[key];
                if (float.IsNaN(contribution)) continue;
                var share = (double)contribution / features.TextCounts[key] / length;
                for (var c = start; c < start + length; c++) perChar[c] += share;
            }
            var strongest = 0.0;
            for (var c = 0; c < text.Length; c++) strongest = Math.Max(strongest, Math.Abs(perChar[c]));
            if (strongest == 0) return;
            var floor = strongest / 5;
            // The first line is the title when there are more.
            var firstNewline = text.IndexOf('\n');
            for (var i = 0; i < text.Length;)
            {
                if (Math.Abs(perChar[i]) < floor || char.IsWhiteSpace(text[i])) { i++; continue; }
                var sign = Math.Sign(perChar[i]);
                var from = i;
                var sum = 0.0;
                for (; i < text.Length && text[i] != '\n' && Math.Sign(perChar[i]) == sign && Math.Abs(perChar[i]) >= floor; i++) sum += perChar[i];
                var term = text.AsSpan(from, i - from);
                var trimmedFrom = from + (term.Length - term.TrimStart().Length);
                var trimmedLength = term.Trim().Length;
                if (trimmedLength == 0) continue;
                candidates.Add(new Candidate(from < firstNewline ? TitlePrefix : TextPrefix, text, trimmedFrom, trimmedLength, sum));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(perChar);
        }
    }

    private const string TitlePrefix = "title: ";
    private const string TextPrefix = "text: ";

    /// <summary>A reason before its string is made: <see cref="Prefix"/> then <see cref="Length"/> characters of <see cref="Source"/> from <see cref="From"/>.</summary>
    private readonly record struct Candidate(string Prefix, string Source, int From, int Length, double Weight)
    {
        public ReadOnlySpan<char> Term => Source.AsSpan(From, Length);

        public string Text => Length == 0 ? Prefix : string.Concat(Prefix, Term);

        /// <summary>Ordinal order of the reasons' texts, as <see cref="StringComparer.Ordinal"/> orders the strings.</summary>
        public static int CompareText(Candidate a, Candidate b)
        {
            var (aLength, bLength) = (a.Prefix.Length + a.Length, b.Prefix.Length + b.Length);
            for (var k = 0; k < Math.Min(aLength, bLength); k++)
            {
                var (x, y) = (a.CharAt(k), b.CharAt(k));
                if (x != y) return x.CompareTo(y);
            }
            return aLength.CompareTo(bLength);
        }

        private char CharAt(int k) => k < Prefix.Length ? Prefix[k] : Source[From + k - Prefix.Length];
    }

    /// <summary>The candidates in a pooled array, with their order of appearance (sums of equal terms add in it).</summary>
    private struct Candidates(int capacity) : IDisposable
    {
        private (Candidate Candidate, int Order)[] _items = ArrayPool<(Candidate, int)>.Shared.Rent(capacity);
        private int _count;

        public void Add(Candidate candidate)
        {
            if (_count == _items.Length)
            {
                var larger = ArrayPool<(Candidate, int)>.Shared.Rent(_items.Length * 2);
                _items.AsSpan(0, _count).CopyTo(larger);
                ArrayPool<(Candidate, int)>.Shared.Return(_items, clearArray: true);
                _items = larger;
            }
            _items[_count] = (candidate, _count);
            _count++;
        }

        /// <summary>Equal texts summed, then the <paramref name="count"/> largest by size of weight, ties by text.</summary>
        public readonly List<ScoreReason> Strongest(int count)
        {
            var items = _items.AsSpan(0, _count);
            items.Sort(static (a, b) => Candidate.CompareText(a.Candidate, b.Candidate) is var byText and not 0 ? byText : a.Order.CompareTo(b.Order));
            var merged = 0;
            for (var k = 0; k < items.Length; k++)
            {
                if (merged > 0 && Candidate.CompareText(items[merged - 1].Candidate, items[k].Candidate) == 0)
                    items[merged - 1].Candidate = items[merged - 1].Candidate with { Weight = items[merged - 1].Candidate.Weight + items[k].Candidate.Weight };
                else items[merged++] = items[k];
            }
            items = items[..merged];
            items.Sort(static (a, b) => Math.Abs(b.Candidate.Weight).CompareTo(Math.Abs(a.Candidate.Weight)) is var bySize and not 0 ? bySize : Candidate.CompareText(a.Candidate, b.Candidate));
            var reasons = new List<ScoreReason>(Math.Min(count, items.Length));
            foreach (var (candidate, _) in items[..Math.Min(count, items.Length)])
                reasons.Add(new ScoreReason(Source, candidate.Text, candidate.Weight));
            return reasons;
        }

        public readonly void Dispose() => ArrayPool<(Candidate, int)>.Shared.Return(_items, clearArray: true);
    }
}
