namespace Konomi.TasteModels;

/// <summary>A labelled input: did the user like it.</summary>
public sealed record Example(TasteInput Input, bool Liked);
