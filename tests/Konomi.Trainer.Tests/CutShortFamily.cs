using Konomi.TasteModels;

namespace Konomi.Trainer.Tests;

/// <summary>
/// The real family, whose models save only the first half of their bytes: what a serializer fault or a write cut short
/// leaves. The model in memory scores as well as ever; the bytes inference would load are no model.
/// </summary>
public sealed class CutShortFamily(ITasteModelFamily inner) : ITasteModelFamily
{
    public const string Name = "cut-short";

    string ITasteModelFamily.Name => Name;

    public ITasteModel Train(IReadOnlyList<Example> examples, CancellationToken ct = default) => new CutShort(inner.Train(examples, ct));

    public ITasteModel Deserialize(byte[] bytes) => inner.Deserialize(bytes);

    sealed class CutShort(ITasteModel model) : ITasteModel
    {
        public string Family => model.Family;

        public double Threshold => model.Threshold;

        public IReadOnlyList<Prediction> Predict(IReadOnlyList<TasteInput> inputs) => model.Predict(inputs);

        public byte[] Serialize() => model.Serialize()[..(model.Serialize().Length / 2)];
    }
}
