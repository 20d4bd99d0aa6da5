namespace Konomi.TasteModels;

/// <summary>A trained taste model: scores inputs, explains, and saves itself as bytes for the registry.</summary>
public interface ITasteModel
{
    /// <summary>The family that trained it (ngram, embedding, classifier); the registry stores it beside the bytes.</summary>
    string Family { get; }

    /// <summary>Scores at or above it mean liked; chosen on training data only.</summary>
    double Threshold { get; }

    IReadOnlyList<Prediction> Predict(IReadOnlyList<TasteInput> inputs);

    byte[] Serialize();
}
