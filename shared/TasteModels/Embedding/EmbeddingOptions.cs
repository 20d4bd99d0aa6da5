using System.ComponentModel.DataAnnotations;
using Konomi.TasteModels.Learning;

namespace Konomi.TasteModels.Embedding;

/// <summary>
/// Settings of the <c>embedding</c> family (configuration section <c>TasteModels:Embedding</c>). A path left blank is
/// unset; a path set is checked on start (<see cref="EmbeddingOptionsValidation"/>).
/// </summary>
public sealed class EmbeddingOptions
{
    /// <summary>An ONNX sentence encoder (output last_hidden_state or a pooled embedding); null means the bundled all-MiniLM-L6-v2.</summary>
    public string? ModelPath { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value; }

    /// <summary>Its tokenizer: a WordPiece vocab.txt or a SentencePiece .model.</summary>
    public string? TokenizerPath { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value; }

    /// <summary>Reference embeddings the model must reproduce when it loads; null means <c>ModelPath + ".reference.json"</c>.</summary>
    public string? ReferencePath { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value; }

    /// <summary>The reference embeddings of a brought model: <see cref="ReferencePath"/>, else beside <see cref="ModelPath"/>; null for the bundled one.</summary>
    internal string? ReferenceFile => ReferencePath ?? (ModelPath is null ? null : ModelPath + ReferenceEmbeddings.Suffix);

    /// <summary>Lower-case before WordPiece (uncased models such as MiniLM).</summary>
    public bool LowerCase { get; set; } = true;

    [Range(2, int.MaxValue, ErrorMessage = "TasteModels:Embedding:MaxTokens must be at least 2")]
    public int MaxTokens { get; set; } = 256;

    [Range(1, int.MaxValue, ErrorMessage = "TasteModels:Embedding:BatchSize must be at least 1")]
    public int BatchSize { get; set; } = 32;

    /// <summary>A folder that keeps embeddings across restarts; null keeps them in memory only.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Embeddings held in memory at most (least recently used go first; the folder, if any, keeps them all).</summary>
    [Range(0, int.MaxValue, ErrorMessage = "TasteModels:Embedding:CacheEntries must not be negative")]
    public int CacheEntries { get; set; } = EmbeddingCache.DefaultMaxEntries;

    public double[]? C { get; set; }

    public ThresholdRule Threshold { get; set; } = new();

    /// <summary>Training is refused when more of the user's tokens than this are unknown to the vocabulary.</summary>
    [Range(0, 1, ErrorMessage = "TasteModels:Embedding:MaxUnknownTokenShare must be between 0 and 1")]
    public double MaxUnknownTokenShare { get; set; } = Onnx.UnknownTokenLimit.DefaultShare;

    /// <summary>A SentencePiece tokenizer for a fairseq-trained model (XLM-R): ids shifted to its vocabulary.</summary>
    public bool FairseqIds { get; set; }

    internal IReadOnlyList<double> CGrid => C is { Length: > 0 } ? C : [1, 10];
}
