namespace Konomi.TasteModels;

/// <summary>A kind of model: how to train one from examples and how to load a saved one.</summary>
public interface ITasteModelFamily
{
    string Name { get; }

    ITasteModel Train(IReadOnlyList<Example> examples, CancellationToken ct = default);

    ITasteModel Deserialize(byte[] bytes);
}
