namespace Konomi.Benchmarks;

/// <summary>A benchmark's steps done of its total (one per model family and task, one for the peer), and the step now running.</summary>
public readonly record struct BenchmarkProgress(int Done, int Total, string Step);
