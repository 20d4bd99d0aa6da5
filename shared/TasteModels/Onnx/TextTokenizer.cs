using Microsoft.ML.Tokenizers;

namespace Konomi.TasteModels.Onnx;

/// <summary>
/// Turns text into a transformer's token ids: a WordPiece vocab.txt (BERT family, optionally lower-cased)
/// or a SentencePiece .model, chosen by the file. Long texts keep their head and the closing special token.
/// </summary>
public sealed class TextTokenizer
{
    private readonly Tokenizer _tokenizer;

    private TextTokenizer(Tokenizer tokenizer) => _tokenizer = tokenizer;

    public static TextTokenizer WordPiece(Stream vocab, bool lowerCase) =>
        new(BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = lowerCase }));

    public static TextTokenizer FromFile(string path, bool lowerCase)
    {
        using var stream = File.OpenRead(path);
        return Path.GetExtension(path).Equals(".model", StringComparison.OrdinalIgnoreCase)
            ? new TextTokenizer(SentencePieceTokenizer.Create(stream, addBeginningOfSentence: true, addEndOfSentence: true))
            : WordPiece(stream, lowerCase);
    }

    public long[] Encode(string text, int maxTokens)
    {
        var ids = _tokenizer.EncodeToIds(text);
        if (ids.Count <= maxTokens) return ids.Select(id => (long)id).ToArray();
        var kept = ids.Take(maxTokens - 1).Select(id => (long)id).ToList();
        kept.Add(ids[^1]);
        return [.. kept];
    }
}
