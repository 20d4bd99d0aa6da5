namespace Konomi.Benchmarks.Labelling;

/// <summary>One checkpoint of a <see cref="LabellingCurve"/>: mean held-out F1 of each order (null when the pool is smaller).</summary>
public sealed record LabellingPoint(int Labels, double? Random, double? Konomi);
