namespace Konomi.TasteModels.Ngram;

/// <summary>Receives each feature occurrence of a text: its 32-bit key and the characters it covers.</summary>
internal interface IOccurrenceSink
{
    void Add(uint key, int start, int length);
}

/// <summary>
/// Feature keys without a vocabulary pass: FNV-1a over lower-cased characters, finalised with MurmurHash3's
/// mixer. Fixed seeds (never string.GetHashCode) so a saved model scores the same in every process.
/// Character n-grams stay inside one line (one field of the model input text); word-bounded ones also inside one
/// space-separated word, each with the spaces around it (scikit-learn's char_wb).
/// </summary>
internal static class NgramHashing
{
    private const uint Prime = 16777619;
    private const uint CharSeed = 2166136261;
    private const uint WordSeed = 0x9E3779B9;
    private const uint FacetSeed = 0x85EBCA6B;

    /// <summary>
    /// With <see cref="TextShape.TitleApart"/> each key is marked with the block it belongs to: lowest bit 1 on the first
    /// line (the title), 0 elsewhere.
    /// </summary>
    public static void Text<TSink>(string text, TextShape shape, ref TSink sink) where TSink : struct, IOccurrenceSink
    {
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            if (shape.TitleApart)
            {
                var block = new Block<TSink>(sink, Title: lineStart == 0);
                Line(text, lineStart, lineEnd, shape, ref block);
            }
            else Line(text, lineStart, lineEnd, shape, ref sink);
            lineStart = lineEnd + 1;
        }
    }

    /// <summary>Whether a key made with <c>titleApart</c> came from the title line.</summary>
    public static bool IsTitle(uint key) => (key & 1) != 0;

    private static void Line<TSink>(string text, int start, int end, TextShape shape, ref TSink sink) where TSink : struct, IOccurrenceSink
    {
        CharNgrams(text, start, end, shape.MinN, shape.MaxN, shape.WordBounded, ref sink);
        if (shape.Words) Words(text, start, end, ref sink);
    }

    public static uint Facet(Facet facet)
    {
        var h = Mix(FacetSeed, facet.Field);
        h = (h ^ 0x1F) * Prime;
        return Finish(Mix(h, facet.Value));
    }

    private static void CharNgrams<TSink>(string text, int start, int end, int minN, int maxN, bool wordBounded, ref TSink sink) where TSink : struct, IOccurrenceSink
    {
        for (var i = start; i < end; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (i + 1 == end || char.IsWhiteSpace(text[i + 1]))) continue;
            var h = CharSeed;
            for (var n = 1; n <= maxN && i + n <= end; n++)
            {
                h = (h ^ Lower(text[i + n - 1])) * Prime;
                if (n >= minN && (n > 1 || IsIdeographic(text[i]))) sink.Add(Finish(h ^ (uint)n), i, n);
                // Word-bounded: a space may open or close an n-gram, never sit inside one.
                if (wordBounded && n > 1 && char.IsWhiteSpace(text[i + n - 1])) break;
            }
        }
    }

    private static void Words<TSink>(string text, int start, int end, ref TSink sink) where TSink : struct, IOccurrenceSink
    {
        var i = start;
        while (i < end)
        {
            if (!IsWordChar(text[i])) { i++; continue; }
            var h = WordSeed;
            var from = i;
            for (; i < end && IsWordChar(text[i]); i++) h = (h ^ Lower(text[i])) * Prime;
            if (i - from >= 2) sink.Add(Finish(h), from, i - from);
        }
    }

    // A lone kanji or kana carries meaning (耳, 甘); a lone Latin letter or a space does not.
    private static bool IsIdeographic(char c) => c >= 0x2E80;

    // Latin letters and digits only: Japanese runs without spaces would make whole sentences "words".
    private static bool IsWordChar(char c) => c < 0x250 && char.IsLetterOrDigit(c);

    private static uint Lower(char c) => c < 128 ? (c is >= 'A' and <= 'Z' ? (uint)(c + 32) : c) : char.IsWhiteSpace(c) ? ' ' : char.ToLowerInvariant(c);

    private static uint Mix(uint h, string value)
    {
        foreach (var c in value) h = (h ^ Lower(c)) * Prime;
        return h;
    }

    // Sinks hold their list by reference, so a copy adds to the same list.
    private readonly record struct Block<TSink>(TSink Inner, bool Title) : IOccurrenceSink where TSink : struct, IOccurrenceSink
    {
        public void Add(uint key, int start, int length) => Inner.Add(Title ? key | 1 : key & ~1u, start, length);
    }

    private static uint Finish(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >> 16);
    }
}
