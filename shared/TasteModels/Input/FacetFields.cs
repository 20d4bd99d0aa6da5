namespace Konomi.TasteModels.Input;

/// <summary>The facet field names a work yields; they are also what explanations print ("voice actor: X").</summary>
public static class FacetFields
{
    public const string Circle = "circle";
    public const string Series = "series";
    public const string VoiceActor = "voice actor";
    public const string Author = "author";
    public const string ScenarioWriter = "scenario";
    public const string Illustrator = "illustrator";
    public const string Genre = "genre";
    public const string Age = "age";
}
