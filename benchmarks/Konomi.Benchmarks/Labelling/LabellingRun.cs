namespace Konomi.Benchmarks.Labelling;

/// <summary>
/// What one labelling benchmark measures: the orders (random among them), the label counts, runs = folds × seeds.
/// Each target F1 is one of <see cref="TargetShares"/> times random order's mean F1 at the largest checkpoint; at most
/// <see cref="PoolSize"/> of the other folds' items form a run's pool (a seeded subsample, to keep slow settings short).
/// </summary>
public sealed record LabellingRun(
    IReadOnlyList<string> Orders,
    IReadOnlyList<int> Checkpoints,
    int Seeds,
    int Folds,
    int FirstScreen,
    IReadOnlyList<double> TargetShares,
    int? PoolSize = null);
