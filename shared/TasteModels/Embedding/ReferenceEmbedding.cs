namespace Konomi.TasteModels.Embedding;

/// <summary>One reference text and the first dimensions of its embedding.</summary>
public sealed record ReferenceEmbedding(string Text, float[] Embedding);
