namespace Konomi.TasteModels.Evaluation;

/// <summary>Precision and recall when every score at or above <paramref name="Threshold"/> counts as liked.</summary>
public sealed record PrecisionRecallPoint(double Threshold, double Precision, double Recall);
