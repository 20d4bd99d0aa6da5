using System.Runtime.InteropServices;
using System.Text;

namespace Konomi.TasteModels.Ngram;

/// <summary>
/// The saved form of an <c>ngram</c> model: "KNGR", a format version, the settings that shape features,
/// then keys (sorted, delta-encoded varints), idf and weights as float32. Version 2 adds whether the title is a
/// block of its own (its keys are hashed apart) and whether each facet field is; version 3 whether n-grams stop at
/// spaces; version 4 ends with the facet like-rates (a field count, 0 without them, then the fields' names and weights,
/// the training rows' counts and each facet key's counts); version 5 then whether a Naive-Bayes vote follows and, if so,
/// one float32 per key. Older files still load (without what they lack). Unknown versions are refused.
/// </summary>
internal static class NgramModelFormat
{
    private static readonly byte[] Magic = "KNGR"u8.ToArray();
    private const byte Version = 5;

    public static byte[] Write(NgramModel model)
    {
        var v = model.Vectorizer;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write((byte)v.Shape.MinN);
            writer.Write((byte)v.Shape.MaxN);
            writer.Write(v.Shape.Words);
            writer.Write(v.Shape.TitleApart);
            writer.Write(v.FacetFieldsApart);
            writer.Write(v.Shape.WordBounded);
            writer.Write(v.FacetWeight);
            writer.Write(model.ReasonCount);
            writer.Write(model.Bias);
            writer.Write(model.Threshold);
            writer.Write7BitEncodedInt(v.Keys.Length);
            var previous = 0u;
            foreach (var key in v.Keys)
            {
                writer.Write7BitEncodedInt64(key - previous);
                previous = key;
            }
            for (var j = 0; j < v.Keys.Length; j++) writer.Write(v.Scales.Idf(j));
            for (var j = 0; j < v.Keys.Length; j++) writer.Write(model.Weights[j]);
            WriteLikeRates(writer, v.LikeRates, model.Weights.AsSpan(v.Keys.Length));
            writer.Write(v.Scales.HasPresence);
            for (var j = 0; v.Scales.HasPresence && j < v.Keys.Length; j++) writer.Write(v.Scales.Presence(j));
        }
        return stream.ToArray();
    }

    private static void WriteLikeRates(BinaryWriter writer, FacetLikeRates? rates, ReadOnlySpan<float> weights)
    {
        writer.Write7BitEncodedInt(rates?.Fields.Length ?? 0);
        if (rates is null || rates.Fields.Length == 0) return;
        foreach (var field in rates.Fields) writer.Write(field);
        foreach (var weight in weights) writer.Write(weight);
        writer.Write7BitEncodedInt(rates.LikedRows);
        writer.Write7BitEncodedInt(rates.Rows);
        writer.Write7BitEncodedInt(rates.Keys.Length);
        var previous = 0u;
        for (var k = 0; k < rates.Keys.Length; k++)
        {
            writer.Write7BitEncodedInt64(rates.Keys[k] - previous);
            previous = rates.Keys[k];
            writer.Write7BitEncodedInt(rates.Liked[k]);
            writer.Write7BitEncodedInt(rates.Total[k]);
        }
    }

    private static (FacetLikeRates? Rates, float[] Weights) ReadLikeRates(BinaryReader reader)
    {
        var fields = new string[reader.Read7BitEncodedInt()];
        if (fields.Length == 0) return (null, []);
        for (var f = 0; f < fields.Length; f++) fields[f] = reader.ReadString();
        var weights = new float[fields.Length];
        for (var f = 0; f < fields.Length; f++) weights[f] = reader.ReadSingle();
        int likedRows = reader.Read7BitEncodedInt(), rows = reader.Read7BitEncodedInt();
        var count = reader.Read7BitEncodedInt();
        var (keys, liked, total) = (new uint[count], new int[count], new int[count]);
        var key = 0u;
        for (var k = 0; k < count; k++)
        {
            keys[k] = key += (uint)reader.Read7BitEncodedInt64();
            (liked[k], total[k]) = (reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt());
        }
        return (new FacetLikeRates(fields, likedRows, rows, keys, liked, total), weights);
    }

    /// <summary>The next <paramref name="count"/> float32s of <paramref name="bytes"/>, in place; the stream moves past them.</summary>
    private static ReadOnlySpan<float> Floats(byte[] bytes, MemoryStream stream, int count)
    {
        if (stream.Length - stream.Position < 4L * count) throw new EndOfStreamException();
        var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan((int)stream.Position, 4 * count));
        stream.Position += 4L * count;
        return floats;
    }

    public static NgramModel Read(byte[] bytes)
    {
        // The floats are read where they lie (little-endian, as BinaryWriter wrote them): idf and presence are shared
        // among columns (ColumnScales), and loading allocates only what the model keeps, which the serving limit counts.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ngram taste models load on little-endian machines only.");
        var stream = new MemoryStream(bytes);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (bytes.Length < 5 || !reader.ReadBytes(4).SequenceEqual(Magic))
            throw new InvalidDataException("Not an ngram taste model (missing KNGR header).");
        var version = reader.ReadByte();
        if (version is < 1 or > Version)
            throw new InvalidDataException($"ngram taste model format version {version} is not supported (this build reads 1 to {Version}).");
        try
        {
            int minN = reader.ReadByte(), maxN = reader.ReadByte();
            var words = reader.ReadBoolean();
            var titleApart = version >= 2 && reader.ReadBoolean();
            var facetFieldsApart = version >= 2 && reader.ReadBoolean();
            var wordBounded = version >= 3 && reader.ReadBoolean();
            var facetWeight = reader.ReadDouble();
            var reasons = reader.ReadInt32();
            var bias = reader.ReadDouble();
            var threshold = reader.ReadDouble();
            var count = reader.Read7BitEncodedInt();
            var keys = new uint[count];
            var key = 0u;
            for (var j = 0; j < count; j++) keys[j] = key += (uint)reader.Read7BitEncodedInt64();
            var idf = Floats(bytes, stream, count);
            var weights = new float[count];
            for (var j = 0; j < count; j++) weights[j] = reader.ReadSingle();
            var (likeRates, likeRateWeights) = version >= 4 ? ReadLikeRates(reader) : (null, []);
            var presence = version >= 5 && reader.ReadBoolean() ? Floats(bytes, stream, count) : [];
            return new NgramModel(new NgramVectorizer(new TextShape(minN, maxN, words, titleApart, wordBounded), facetFieldsApart, facetWeight, keys, ColumnScales.Of(idf, presence), likeRates),
                // Without like-rates (the default) the weights are kept as read (docs/scale.md).
                likeRateWeights.Length == 0 ? weights : [.. weights, .. likeRateWeights], bias, threshold, reasons);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("ngram taste model is truncated.", e);
        }
    }
}
