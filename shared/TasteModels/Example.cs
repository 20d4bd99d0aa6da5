namespace Konomi.TasteModels;

/// <summary>A labelled input: did the user like it, and when they said so (unknown for data sets without times).</summary>
public sealed record Example(TasteInput Input, bool Liked, DateTimeOffset? LabeledAt = null);
