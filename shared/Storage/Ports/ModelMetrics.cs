namespace Konomi.Storage.Ports;

/// <summary>Cross-validated figures of a model (means over folds) and its decision threshold.</summary>
public sealed record ModelMetrics(
    int Examples,
    int Positives,
    int Folds,
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double RocAuc,
    double PrAuc,
    double Threshold);
