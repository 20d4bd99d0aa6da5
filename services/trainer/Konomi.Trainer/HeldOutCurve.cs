using Konomi.Storage.Ports;
using Konomi.TasteModels.Evaluation;

namespace Konomi.Trainer;

/// <summary>A held-out precision-recall curve and its pooled average precision, for <see cref="Serving"/>'s family.</summary>
public sealed record HeldOutCurve(TasteModelVersion Serving, int Examples, int Positives, double AveragePrecision, IReadOnlyList<PrecisionRecallPoint> Points);
