using System.Text;
using Konomi.TasteModels.Embedding;
using Konomi.TasteModels.Ngram;

namespace Konomi.TasteModels.Stacked;

/// <summary>
/// The saved form of a <c>stacked</c> model: "KSTK", a format version, the composition, then the dense block if any
/// (encoder model id, block length, weights float32, liked neighbours float16) and the n-gram model in its own
/// <c>KNGR</c> form. A dense block is only valid with the embeddings it was trained on: another encoder is refused.
/// A model without one loads without the encoder.
/// </summary>
internal static class StackedModelFormat
{
    private static readonly byte[] Magic = "KSTK"u8.ToArray();
    private const byte Version = 1;

    public static byte[] Write(StackedModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(model.Composition);
            writer.Write(model.Dense is not null);
            if (model.Dense is { } dense)
            {
                writer.Write(dense.EncoderId);
                writer.Write(dense.Length);
                writer.Write7BitEncodedInt(dense.Weights.Length);
                foreach (var weight in dense.Weights) writer.Write(weight);
                LikedNeighbour.Write(writer, dense.Liked);
            }
            var ngram = NgramModelFormat.Write(model.Ngram);
            writer.Write7BitEncodedInt(ngram.Length);
            writer.Write(ngram);
        }
        return stream.ToArray();
    }

    /// <param name="encoderId">The configured encoder's model id, asked only when the model has a dense block.</param>
    public static StackedModel Read(byte[] bytes, EmbeddingFamily encoder, Func<string> encoderId)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        if (bytes.Length < 5 || !reader.ReadBytes(4).SequenceEqual(Magic))
            throw new InvalidDataException("Not a stacked taste model (missing KSTK header).");
        var version = reader.ReadByte();
        if (version != Version)
            throw new InvalidDataException($"stacked taste model format version {version} is not supported (this build reads {Version}).");
        try
        {
            var composition = reader.ReadString();
            DenseBlock? dense = null;
            if (reader.ReadBoolean())
            {
                var trainedWith = reader.ReadString();
                if (trainedWith != encoderId())
                    throw new InvalidDataException(
                        $"This stacked model's embedding block was trained on embeddings of model {trainedWith}; the configured encoder is {encoderId()}. Retrain it.");
                var length = reader.ReadDouble();
                var weights = new float[reader.Read7BitEncodedInt()];
                for (var d = 0; d < weights.Length; d++) weights[d] = reader.ReadSingle();
                dense = new DenseBlock(trainedWith, length, weights, LikedNeighbour.Read(reader, weights.Length));
            }
            var ngram = reader.ReadBytes(reader.Read7BitEncodedInt());
            return new StackedModel(NgramModelFormat.Read(ngram), dense, composition, encoder);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("stacked taste model is truncated.", e);
        }
    }
}
