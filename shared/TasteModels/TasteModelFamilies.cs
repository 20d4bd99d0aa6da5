using Microsoft.Extensions.Options;

namespace Konomi.TasteModels;

/// <summary>Every registered family by name: the trainer trains with <see cref="Default"/>, loaders pick by a saved model's family.</summary>
public sealed class TasteModelFamilies(IEnumerable<ITasteModelFamily> families, IOptions<TasteModelOptions> options)
{
    private readonly Dictionary<string, ITasteModelFamily> _byName = families.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public ITasteModelFamily Default => Get(options.Value.Family);

    public ITasteModelFamily Get(string name) =>
        _byName.TryGetValue(name, out var family)
            ? family
            : throw new ArgumentException($"Unknown taste model family '{name}'; known: {string.Join(", ", _byName.Keys)}.", nameof(name));

    public ITasteModel Load(string family, byte[] bytes) => Get(family).Deserialize(bytes);
}
