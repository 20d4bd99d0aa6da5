using Microsoft.ML.Tokenizers;

namespace Konomi.TasteModels.Onnx;

/// <summary>
/// Turns text into a transformer's token ids: a WordPiece vocab.txt (BERT family, optionally lower-cased)
/// or a SentencePiece .model, chosen by the file. Long texts keep their head and the closing special token.
/// </summary>
public sealed class TextTokenizer
{
    private readonly Tokenizer _tokenizer;
    private readonly int _unknownId;
    private readonly int[] _specialIds;
    private readonly Func<int, int> _modelId;

    private TextTokenizer(Tokenizer tokenizer, int unknownId, int[] specialIds, Func<int, int>? modelId = null) =>
        (_tokenizer, _unknownId, _specialIds, _modelId) = (tokenizer, unknownId, specialIds, modelId ?? (id => id));

    /// <summary>
    /// Uncased BERT vocabularies were built on NFD text with combining marks dropped (Hugging Face's
    /// strip_accents follows do_lower_case), so the same is done here: が is looked up as か, not as [UNK].
    /// </summary>
    public static TextTokenizer WordPiece(Stream vocab, bool lowerCase)
    {
        var bert = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = lowerCase, RemoveNonSpacingMarks = lowerCase });
        return new(bert, bert.UnknownTokenId, [bert.ClassificationTokenId, bert.SeparatorTokenId, bert.PaddingTokenId]);
    }

    /// <summary>
    /// A SentencePiece model; with <paramref name="fairseqIds"/> its ids are mapped the way XLM-R's
    /// vocabulary expects (fairseq: &lt;s&gt;=0, &lt;pad&gt;=1, &lt;/s&gt;=2, &lt;unk&gt;=3, every other piece shifted by one).
    /// </summary>
    public static TextTokenizer SentencePiece(Stream model, bool fairseqIds)
    {
        var piece = SentencePieceTokenizer.Create(model, addBeginningOfSentence: true, addEndOfSentence: true);
        int bos = piece.BeginningOfSentenceId, eos = piece.EndOfSentenceId, unknown = piece.UnknownId;
        if (!fairseqIds) return new(piece, unknown, [bos, eos]);
        return new(piece, unknown, [bos, eos], id => id == bos ? 0 : id == eos ? 2 : id == unknown ? 3 : id + 1);
    }

    public static TextTokenizer FromFile(string path, bool lowerCase, bool fairseqIds = false)
    {
        using var stream = File.OpenRead(path);
        return Path.GetExtension(path).Equals(".model", StringComparison.OrdinalIgnoreCase)
            ? SentencePiece(stream, fairseqIds)
            : WordPiece(stream, lowerCase);
    }

    /// <summary>The share of the texts' tokens (special tokens aside) that the vocabulary does not know.</summary>
    public UnknownTokens CountUnknown(IEnumerable<string> texts)
    {
        long tokens = 0, unknown = 0;
        foreach (var text in texts)
        {
            foreach (var id in _tokenizer.EncodeToIds(text))
            {
                if (Array.IndexOf(_specialIds, id) >= 0) continue;
                tokens++;
                if (id == _unknownId) unknown++;
            }
        }
        return new UnknownTokens(tokens, unknown);
    }

    public long[] Encode(string text, int maxTokens)
    {
        var ids = _tokenizer.EncodeToIds(text).Select(_modelId).ToArray();
        if (ids.Length <= maxTokens) return ids.Select(id => (long)id).ToArray();
        var kept = ids.Take(maxTokens - 1).Select(id => (long)id).ToList();
        kept.Add(ids[^1]);
        return [.. kept];
    }
}

/// <summary>How many of a text's tokens a vocabulary knew; a model reading mostly [UNK] learns nothing from the text.</summary>
public readonly record struct UnknownTokens(long Tokens, long Unknown)
{
    public double Share => Tokens == 0 ? 0 : (double)Unknown / Tokens;
}
