using System.Text.Json;

namespace Konomi.TasteModels.Embedding;

/// <summary>
/// What an encoder must output for a few texts (the first dimensions of each embedding), shipped beside the model
/// as <c>&lt;model&gt;.reference.json</c> and checked when the encoder loads. A tokenizer that does not match its
/// model (another vocabulary, casing, a missing id offset) or a damaged file gives other vectors, and is refused
/// before it trains or serves anyone's head. The file comes from the model's own reference implementation (README,
/// "Self-check of an encoder"), never from Konomi's encoder: made by the code under check, it would check nothing.
/// </summary>
public sealed record ReferenceEmbeddings(IReadOnlyList<ReferenceEmbedding> Texts, double Tolerance = ReferenceEmbeddings.DefaultTolerance)
{
    public const string Suffix = ".reference.json";

    /// <summary>Far above float noise across CPUs and providers, far below what a wrong token changes.</summary>
    public const double DefaultTolerance = 1e-3;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ReferenceEmbeddings Read(Stream json) =>
        JsonSerializer.Deserialize<ReferenceEmbeddings>(json, Json) is { Texts.Count: > 0 } reference
            ? reference
            : throw new InvalidDataException("The reference embeddings name no texts.");

    /// <summary>Throws, naming the text and dimension, when the encoder's output differs beyond <see cref="Tolerance"/>.</summary>
    public void Check(SentenceEncoder encoder, string model)
    {
        var vectors = encoder.Encode([.. Texts.Select(t => t.Text)]);
        for (var i = 0; i < Texts.Count; i++)
        {
            var expected = Texts[i].Embedding;
            if (vectors[i].Length < expected.Length)
                throw new InvalidOperationException($"{model} fails its self-check: it gives {vectors[i].Length} dimensions, its reference has {expected.Length}.");
            for (var d = 0; d < expected.Length; d++)
                if (Math.Abs(vectors[i][d] - expected[d]) > Tolerance)
                    throw new InvalidOperationException(
                        $"{model} fails its self-check: \"{Texts[i].Text}\" embeds to {vectors[i][d]:0.0000} in dimension {d}, its reference says {expected[d]:0.0000} " +
                        $"(tolerance {Tolerance}). The tokenizer does not match the model (vocabulary, LowerCase, FairseqIds) or a file is damaged; refusing to load it.");
        }
    }
}
