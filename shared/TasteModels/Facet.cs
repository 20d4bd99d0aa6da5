namespace Konomi.TasteModels;

/// <summary>One structured value of a work, e.g. ("genre", "耳かき").</summary>
public sealed record Facet(string Field, string Value);
