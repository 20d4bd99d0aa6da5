using Konomi.Settings;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Embedding;

/// <summary>
/// The files a brought encoder is read from, checked on start: the encoder loads only when a family first needs it, so a
/// missing model, tokenizer or reference file would otherwise be told then, in the middle of a training or a batch. Each
/// path set must name a readable file, a model needs its tokenizer, and its reference embeddings (beside it unless
/// <c>ReferencePath</c> says where). What the files hold is still read on first use: loading an encoder takes seconds.
/// </summary>
public sealed class EmbeddingOptionsValidation : IValidateOptions<EmbeddingOptions>
{
    internal const string TokenizerMissing =
        "TasteModels:Embedding:ModelPath is set but TokenizerPath is not: give the model's vocab.txt or SentencePiece .model.";

    internal static string ReferenceMissing(string path) =>
        $"{path} is missing: a model brought by path loads only with reference embeddings beside it (texts and the first dimensions " +
        "of their embeddings from the model's own reference implementation: README, \"Self-check of an encoder\"), or TasteModels:Embedding:ReferencePath.";

    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        const string section = TasteModelOptions.EmbeddingSection;
        string?[] failures =
        [
            SettingFailures.FileProblem($"{section}:ModelPath", options.ModelPath),
            SettingFailures.FileProblem($"{section}:TokenizerPath", options.TokenizerPath),
            options is { ModelPath: not null, TokenizerPath: null } ? TokenizerMissing : null,
            SettingFailures.FileProblem($"{section}:ReferencePath", options.ReferencePath),
            // Left unset, the reference is the file beside the model: said only when the model itself is there.
            options is { ReferencePath: null, ReferenceFile: { } beside } && File.Exists(options.ModelPath) && !File.Exists(beside) ? ReferenceMissing(beside) : null,
            Ngram.NgramOptions.StrengthsProblem($"{section}:C", options.C),
            .. options.Threshold.Problems($"{section}:Threshold"),
        ];
        return failures.OfType<string>().ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
    }
}
