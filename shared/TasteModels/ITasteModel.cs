namespace Konomi.TasteModels;

/// <summary>A trained taste model: scores inputs, explains, and saves itself as bytes for the registry.</summary>
public interface ITasteModel
{
    /// <summary>The family that trained it (ngram, embedding, classifier); the registry stores it beside the bytes.</summary>
    string Family { get; }

    /// <summary>Scores at or above it mean liked; chosen on training data only.</summary>
    double Threshold { get; }

    /// <summary>What this user's model is made of, when the family decides it per user (stacked: its blocks, or why the embedding is not one); null otherwise.</summary>
    string? Composition => null;

    IReadOnlyList<Prediction> Predict(IReadOnlyList<TasteInput> inputs);

    byte[] Serialize();
}
