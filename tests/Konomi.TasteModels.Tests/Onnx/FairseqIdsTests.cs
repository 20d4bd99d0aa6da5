using System.Text;
using Konomi.TasteModels.Onnx;

namespace Konomi.TasteModels.Tests.Onnx;

/// <summary>
/// No SentencePiece model file is served here, so a tiny one is written in SentencePiece's own protobuf format and read
/// by the same Microsoft.ML.Tokenizers code that reads a real sentencepiece.bpe.model.
/// </summary>
public class FairseqIdsTests
{
    // SentencePiece ids: <unk>=0, <s>=1, </s>=2 (its defaults), then the pieces below from 3.
    static readonly (string Piece, float Score)[] Pieces = [("▁a", -1), ("▁", -2), ("a", -3), ("b", -4)];

    [Fact]
    public void SentencePiece_ids_are_shifted_to_XLM_R_s_fairseq_dictionary()
    {
        var plain = TextTokenizer.SentencePiece(new MemoryStream(TinySentencePieceModel()), fairseqIds: false);
        var fairseq = TextTokenizer.SentencePiece(new MemoryStream(TinySentencePieceModel()), fairseqIds: true);

        // "ab" is ▁a b between <s> and </s>; fairseq puts <s>=0, <pad>=1, </s>=2, <unk>=3 first and every piece one later.
        plain.Encode("ab", 16).ShouldBe([1L, 3, 6, 2]);
        fairseq.Encode("ab", 16).ShouldBe([0L, 4, 7, 2]);
        // An unknown character is SentencePiece's <unk> (0), which is fairseq's 3 — not 1, its <pad>.
        plain.Encode("z", 16).ShouldBe([1L, 4, 0, 2]);
        fairseq.Encode("z", 16).ShouldBe([0L, 5, 3, 2]);
    }

    [Fact]
    public void The_unknown_share_is_the_same_with_or_without_the_offset()
    {
        var fairseq = TextTokenizer.SentencePiece(new MemoryStream(TinySentencePieceModel()), fairseqIds: true);

        var counted = fairseq.CountUnknown(["ab", "z"]);

        counted.Unknown.ShouldBe(1);
        counted.Tokens.ShouldBe(4);
    }

    /// <summary>A unigram ModelProto: pieces (field 1), trainer_spec (2) with model_type UNIGRAM, normalizer_spec (3) adding the dummy prefix.</summary>
    static byte[] TinySentencePieceModel()
    {
        var model = new MemoryStream();
        Message(model, 1, Piece("<unk>", 0, type: 2));
        Message(model, 1, Piece("<s>", 0, type: 3));
        Message(model, 1, Piece("</s>", 0, type: 3));
        foreach (var (piece, score) in Pieces) Message(model, 1, Piece(piece, score, type: 1));
        var trainer = new MemoryStream();
        Varint(trainer, 3, 1); // model_type = UNIGRAM, as XLM-R's sentencepiece.bpe.model is despite its name
        Varint(trainer, 4, (ulong)(Pieces.Length + 3)); // vocab_size
        Varint(trainer, 40, 0); // unk_id
        Varint(trainer, 41, 1); // bos_id
        Varint(trainer, 42, 2); // eos_id
        Message(model, 2, trainer.ToArray());
        var normalizer = new MemoryStream();
        Bytes(normalizer, 1, Encoding.UTF8.GetBytes("identity"));
        Varint(normalizer, 3, 1); // add_dummy_prefix
        Varint(normalizer, 4, 1); // remove_extra_whitespaces
        Varint(normalizer, 5, 1); // escape_whitespaces
        Message(model, 3, normalizer.ToArray());
        return model.ToArray();
    }

    static byte[] Piece(string piece, float score, int type)
    {
        var message = new MemoryStream();
        Bytes(message, 1, Encoding.UTF8.GetBytes(piece));
        Key(message, 2, 5);
        message.Write(BitConverter.GetBytes(score));
        Varint(message, 3, (ulong)type);
        return message.ToArray();
    }

    static void Message(Stream to, int field, byte[] message) => Bytes(to, field, message);

    static void Bytes(Stream to, int field, byte[] bytes)
    {
        Key(to, field, 2);
        Raw(to, (ulong)bytes.Length);
        to.Write(bytes);
    }

    static void Varint(Stream to, int field, ulong value)
    {
        Key(to, field, 0);
        Raw(to, value);
    }

    static void Key(Stream to, int field, int wireType) => Raw(to, (ulong)((field << 3) | wireType));

    static void Raw(Stream to, ulong value)
    {
        for (; value >= 0x80; value >>= 7) to.WriteByte((byte)(value | 0x80));
        to.WriteByte((byte)value);
    }
}
