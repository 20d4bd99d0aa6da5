namespace Konomi.TasteModels;

/// <summary>
/// What a model sees of one item: the cleaned text, plus structured facets (field, value) such as
/// ("voice actor", "声優E") that models may use as features and name in explanations. Plain text
/// data sets (the eval CSV) have no facets.
/// </summary>
public sealed record TasteInput(string Text, IReadOnlyList<Facet> Facets)
{
    public static TasteInput FromText(string text) => new(text, []);
}
