using System.Text.Json.Serialization;

namespace Konomi.Benchmarks;

/// <summary>What sklearn_peer.py prints for one task file.</summary>
public sealed record PeerResult(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("default")] PeerMetrics Default,
    [property: JsonPropertyName("trainFolds")] PeerMetrics TrainFolds,
    [property: JsonPropertyName("trainSeconds")] double TrainSeconds,
    [property: JsonPropertyName("trainSecondsWithThreshold")] double TrainSecondsWithThreshold,
    [property: JsonPropertyName("scoresPerSecond")] double ScoresPerSecond,
    [property: JsonPropertyName("batchScoresPerSecond")] IReadOnlyDictionary<string, double> BatchScoresPerSecond)
{
    /// <summary>F1 of the decisions summed over folds and AP of the pooled out-of-fold scores (train-fold thresholds).</summary>
    [JsonPropertyName("pooled")] public required PooledPeerMetrics Pooled { get; init; }
}

public sealed record PooledPeerMetrics(
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("averagePrecision")] double AveragePrecision)
{
    /// <summary>Whether the peer posted each row, in the task file's order.</summary>
    [JsonPropertyName("posted")] public required IReadOnlyList<bool> Posted { get; init; }
}

public sealed record PeerMetrics(
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("rocAuc")] double RocAuc,
    [property: JsonPropertyName("threshold")] double Threshold)
{
    /// <summary>Average precision of the fold's scores (scikit-learn's average_precision_score).</summary>
    [JsonPropertyName("averagePrecision")] public double AveragePrecision { get; init; }
}
