using System.ComponentModel.DataAnnotations;
using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Classifier;

/// <summary>
/// Settings of the <c>classifier</c> family (configuration section <c>TasteModels:Classifier</c>). A path left blank is
/// unset; a path set is checked on start (<see cref="ClassifierOptionsValidation"/>).
/// </summary>
public sealed class ClassifierOptions
{
    /// <summary>A fine-tuned ONNX sequence classifier (AutoTrain/Optimum export: input_ids, attention_mask[, token_type_ids] → logits).</summary>
    public string? ModelPath { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value; }

    /// <summary>Its tokenizer: a WordPiece vocab.txt or a SentencePiece .model.</summary>
    public string? TokenizerPath { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value; }

    public bool LowerCase { get; set; }

    [Range(2, int.MaxValue, ErrorMessage = "TasteModels:Classifier:MaxTokens must be at least 2")]
    public int MaxTokens { get; set; } = 512;

    [Range(1, int.MaxValue, ErrorMessage = "TasteModels:Classifier:BatchSize must be at least 1")]
    public int BatchSize { get; set; } = 16;

    /// <summary>Which logit is "liked" (AutoTrain binary exports: 1).</summary>
    [Range(0, int.MaxValue, ErrorMessage = "TasteModels:Classifier:PositiveClass must not be negative")]
    public int PositiveClass { get; set; } = 1;

    public ThresholdRule Threshold { get; set; } = new();

    /// <summary>
    /// When the network was fine-tuned: labels given after it are the only ones it never learned from, and the
    /// threshold is chosen on them. Unset: Konomi cannot tell which labels it learned from and keeps 0.5.
    /// </summary>
    public DateTimeOffset? FineTunedUntil { get; set; }

    /// <summary>Training is refused when more of the user's tokens than this are unknown to the vocabulary.</summary>
    [Range(0, 1, ErrorMessage = "TasteModels:Classifier:MaxUnknownTokenShare must be between 0 and 1")]
    public double MaxUnknownTokenShare { get; set; } = Onnx.UnknownTokenLimit.DefaultShare;

    /// <summary>A SentencePiece tokenizer for a fairseq-trained model (XLM-R): ids shifted to its vocabulary.</summary>
    public bool FairseqIds { get; set; }
}
