using Konomi.TasteModels.Evaluation;

namespace Konomi.Benchmarks;

/// <summary>One line of the benchmark table: a setting, one Konomi model family, and the peer on the same folds.</summary>
public sealed record ModelBenchmarkRow(string Setting, CrossValidationResult Konomi, PeerResult Peer)
{
    /// <summary>Konomi's scores per second with the test folds scored in batches of each size (see <see cref="BatchSpeed"/>).</summary>
    public IReadOnlyDictionary<int, double> BatchScoresPerSecond { get; init; } = new Dictionary<int, double>();

    /// <summary>
    /// Konomi's scores per second with each test fold scored in one call, measured as the batches are (fresh inputs, after
    /// every fold has trained): timed right after a fold's training, the rate also paid for that training's garbage.
    /// </summary>
    public required double WholeFoldScoresPerSecond { get; init; }
}
