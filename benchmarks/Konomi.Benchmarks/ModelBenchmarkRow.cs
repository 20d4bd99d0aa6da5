using Konomi.TasteModels.Evaluation;

namespace Konomi.Benchmarks;

/// <summary>One line of the benchmark table: a setting, one Konomi model family, and the peer on the same folds.</summary>
public sealed record ModelBenchmarkRow(string Setting, CrossValidationResult Konomi, PeerResult Peer);
