namespace Konomi.TasteModels.Onnx;

/// <summary>
/// Refuses to train a transformer-based family on text its vocabulary cannot read: past the limit, the
/// model sees mostly [UNK] and any "taste" it learns is noise (MiniLM reads 30-40% of Japanese titles as [UNK]).
/// </summary>
public static class UnknownTokenLimit
{
    /// <summary>Default limit on the share of unknown tokens: a few stray symbols are fine, a language is not.</summary>
    public const double DefaultShare = 0.05;

    /// <summary>Where the sentence encoder's limit is set (the embedding and stacked families share it).</summary>
    public const string EmbeddingSetting = "TasteModels:Embedding:MaxUnknownTokenShare";

    /// <summary>"reads 35% of this user's text as unknown tokens (350 of 1,000; limit 5%, setting)".</summary>
    public static string Describe(UnknownTokens counted, double limit, string setting) =>
        $"reads {counted.Share:P0} of this user's text as unknown tokens ({counted.Unknown} of {counted.Tokens}; limit {limit:P0}, {setting})";

    public static void Check(string family, string setting, UnknownTokens counted, double limit)
    {
        if (counted.Share <= limit) return;
        throw new InvalidOperationException(
            $"The {family} family's tokenizer {Describe(counted, limit, setting)}: the model cannot read this language. " +
            "Use the ngram family, or a model whose vocabulary covers it.");
    }
}
