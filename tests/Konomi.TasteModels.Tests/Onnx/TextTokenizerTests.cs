using Konomi.TasteModels.Onnx;

namespace Konomi.TasteModels.Tests.Onnx;

public class TextTokenizerTests
{
    private static TextTokenizer MiniLmTokenizer() => TextTokenizer.WordPiece(new MemoryStream(MiniLm.VocabBytes()), lowerCase: true);

    [Fact]
    public void Uncased_WordPiece_strips_voiced_marks_as_the_models_own_tokenizer_does()
    {
        var tokenizer = MiniLmTokenizer();

        // NFD splits が into か + U+3099; uncased BERT drops the mark, so が is read as か rather than [UNK].
        tokenizer.Encode("が", 16).ShouldBe(tokenizer.Encode("か", 16));
        tokenizer.CountUnknown(["が"]).Unknown.ShouldBe(0);
        tokenizer.Encode("café", 16).ShouldBe(tokenizer.Encode("cafe", 16));
    }

    [Fact]
    public void The_unknown_share_counts_only_the_texts_own_tokens()
    {
        var counted = MiniLmTokenizer().CountUnknown(["hello world", "hello \ua66e"]);

        // [CLS]/[SEP] are not the text's; ꙮ (a Cyrillic letter) is the one word the vocabulary lacks.
        counted.Unknown.ShouldBe(1);
        counted.Tokens.ShouldBeInRange(3, 4);
    }
}
