using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Classifier;
using Konomi.TasteModels.Embedding;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Konomi.TasteModels.Stacked;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// The recipe a family trains with now: its options, the model input settings and, for the embedding and stacked families,
/// the encoder's hash, as canonical JSON and its SHA-256. Two versions with one fingerprint and the same labels
/// are the same model.
/// </summary>
public sealed class ModelRecipes(
    TasteModelFamilies families,
    IOptions<TasteInputOptions> input,
    IOptions<NgramOptions> ngram,
    IOptions<EmbeddingOptions> embedding,
    IOptions<StackedOptions> stacked,
    IOptions<ClassifierOptions> classifier)
{
    static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>
    /// <paramref name="shared"/>: the <c>ngram</c> model fitted on everyone's labels with personal offsets. It is a
    /// recipe of its own, so the gate asks for fresh evidence before it replaces a per-user model (and back).
    /// </summary>
    public ModelRecipe For(string family, bool shared = false)
    {
        object options = family.ToLowerInvariant() switch
        {
            NgramFamily.Name => ngram.Value,
            EmbeddingFamily.Name => new { embedding.Value, Encoder = ((EmbeddingFamily)families.Get(family)).ModelId },
            StackedFamily.Name => new { Stacked = stacked.Value, Ngram = ngram.Value, Embedding = embedding.Value, Encoder = ((EmbeddingFamily)families.Get(EmbeddingFamily.Name)).ModelId },
            ClassifierFamily.Name => classifier.Value,
            _ => new { },
        };
        // The per-user settings stay exactly as they were, so per-user fingerprints do not change.
        var settings = shared
            ? JsonSerializer.Serialize(new { family, options, input = input.Value, workspace = "shared with personal offsets" }, Canonical)
            : JsonSerializer.Serialize(new { family, options, input = input.Value }, Canonical);
        return new ModelRecipe(family, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings))), settings);
    }
}
