using Konomi.TasteModels;

namespace Konomi.Trainer.Tests;

/// <summary>
/// A deliberately worse recipe: the real family, trained on the same inputs with the labels shuffled
/// (deterministically), so it learns nothing true about the user.
/// </summary>
public sealed class ShuffledLabelsFamily(ITasteModelFamily inner) : ITasteModelFamily
{
    public const string Name = "shuffled";

    string ITasteModelFamily.Name => Name;

    public ITasteModel Train(IReadOnlyList<Example> examples, CancellationToken ct = default)
    {
        var labels = examples.Select(e => e.Liked).ToArray();
        new Random(7).Shuffle(labels);
        return inner.Train([.. examples.Select((e, i) => e with { Liked = labels[i] })], ct);
    }

    public ITasteModel Deserialize(byte[] bytes) => inner.Deserialize(bytes);
}
