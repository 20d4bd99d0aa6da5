using System.Text;

namespace Konomi.TasteModels.Embedding;

/// <summary>
/// The saved form of an <c>embedding</c> head: "KEMB", a format version, the encoder's model id (a head is
/// only valid with the embeddings it was trained on), weights, bias, threshold and the liked neighbours
/// (vectors as float16). Unknown versions are refused.
/// </summary>
internal static class EmbeddingModelFormat
{
    private static readonly byte[] Magic = "KEMB"u8.ToArray();
    private const byte Version = 1;

    public static byte[] Write(EmbeddingModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(model.ModelId);
            writer.Write(model.Bias);
            writer.Write(model.Threshold);
            writer.Write7BitEncodedInt(model.Weights.Length);
            foreach (var weight in model.Weights) writer.Write(weight);
            LikedNeighbour.Write(writer, model.Liked);
        }
        return stream.ToArray();
    }

    public static EmbeddingModel Read(byte[] bytes, EmbeddingFamily family, string expectedModelId)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        if (bytes.Length < 5 || !reader.ReadBytes(4).SequenceEqual(Magic))
            throw new InvalidDataException("Not an embedding taste model (missing KEMB header).");
        var version = reader.ReadByte();
        if (version != Version)
            throw new InvalidDataException($"embedding taste model format version {version} is not supported (this build reads {Version}).");
        try
        {
            var modelId = reader.ReadString();
            if (modelId != expectedModelId)
                throw new InvalidDataException($"This head was trained on embeddings of model {modelId}; the configured encoder is {expectedModelId}. Retrain it.");
            var bias = reader.ReadDouble();
            var threshold = reader.ReadDouble();
            var weights = new float[reader.Read7BitEncodedInt()];
            for (var d = 0; d < weights.Length; d++) weights[d] = reader.ReadSingle();
            var liked = LikedNeighbour.Read(reader, weights.Length);
            return new EmbeddingModel(family, modelId, weights, bias, threshold, liked);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("embedding taste model is truncated.", e);
        }
    }
}
