using System.Text;

namespace Konomi.TasteModels.Classifier;

/// <summary>
/// The user's classifier with a threshold chosen on the labelled examples it was "trained" with. The saved
/// form ("KCLS", version, classifier model id, threshold) refers to the ONNX file, which stays where it is configured.
/// </summary>
internal sealed class ClassifierModel(SequenceClassifier classifier, double threshold) : ITasteModel
{
    private static readonly byte[] Magic = "KCLS"u8.ToArray();
    private const byte Version = 1;

    public string Family => ClassifierFamily.Name;

    public double Threshold => threshold;

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<TasteInput> inputs) =>
        classifier.Score(inputs.Select(i => i.Text).ToArray()).Select(score => new Prediction(score, [])).ToArray();

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(classifier.ModelId);
            writer.Write(threshold);
        }
        return stream.ToArray();
    }

    public static ClassifierModel Read(byte[] bytes, SequenceClassifier classifier)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        if (bytes.Length < 5 || !reader.ReadBytes(4).SequenceEqual(Magic))
            throw new InvalidDataException("Not a classifier taste model (missing KCLS header).");
        var version = reader.ReadByte();
        if (version != Version)
            throw new InvalidDataException($"classifier taste model format version {version} is not supported (this build reads {Version}).");
        var modelId = reader.ReadString();
        if (modelId != classifier.ModelId)
            throw new InvalidDataException($"This model was calibrated for classifier {modelId}; the configured one is {classifier.ModelId}.");
        return new ClassifierModel(classifier, reader.ReadDouble());
    }
}
