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
            foreach (var idf in v.Idf) writer.Write(idf);
            for (var j = 0; j < v.Keys.Length; j++) writer.Write(model.Weights[j]);
            WriteLikeRates(writer, v.LikeRates, model.Weights.AsSpan(v.Keys.Length));
            writer.Write(model.Presence is not null);
            foreach (var weight in model.Presence ?? []) writer.Write(weight);
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

    public static NgramModel Read(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
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
            var idf = new float[count];
            for (var j = 0; j < count; j++) idf[j] = reader.ReadSingle();
            var weights = new float[count];
            for (var j = 0; j < count; j++) weights[j] = reader.ReadSingle();
            var (likeRates, likeRateWeights) = version >= 4 ? ReadLikeRates(reader) : (null, []);
            float[]? presence = null;
            if (version >= 5 && reader.ReadBoolean())
            {
                presence = new float[count];
                for (var j = 0; j < count; j++) presence[j] = reader.ReadSingle();
            }
            return new NgramModel(new NgramVectorizer(new TextShape(minN, maxN, words, titleApart, wordBounded), facetFieldsApart, facetWeight, keys, idf, likeRates),
                // Without like-rates (the default) the weights are kept as read: loading allocates what the model holds,
                // which is what the serving limit counts (docs/scale.md).
                likeRateWeights.Length == 0 ? weights : [.. weights, .. likeRateWeights], bias, threshold, reasons, presence);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("ngram taste model is truncated.", e);
        }
    }
}
