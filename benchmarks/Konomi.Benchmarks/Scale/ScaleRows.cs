namespace Konomi.Benchmarks.Scale;

public sealed record TrainingRow(int Labels, double WallSeconds, double CpuSeconds, int ModelBytes, double LoadedMb);

/// <summary>
/// Scoring at one user count: every user in one call (as served), the serving models held within the limit and how
/// many a batch loads again, and, from the same run when measured, each user on their own.
/// </summary>
public sealed record UsersRow(int Users, long Pairs, double PairsPerSecond, double PairsPerCpuSecond, double LoadSeconds,
    int HeldModels, double HeldMb, double LoadsPerBatch, double ManagedMb, double RssMb)
{
    public double? AlonePairsPerSecond { get; init; }
    public double? AlonePairsPerCpuSecond { get; init; }
    public ScoringBreakdown? Breakdown { get; init; }
}

/// <summary>Every serving model held at once: their estimate, the heap they added, the RSS reached, scoring speed.</summary>
public sealed record UnboundedRow(int Users, int HeldModels, double HeldMb, double HeapAddedMb, double RssMb, double PairsPerSecond, double PairsPerCpuSecond);

/// <summary>CPU microseconds per work×user pair: model inputs, model predictions (with reasons), the rest of the scorer.</summary>
public sealed record ScoringBreakdown(double InputsUs, double PredictUs, double RestUs);

/// <summary>Score writes to the store, one call per score or one per batch, in the same run.</summary>
public sealed record ScoreWritesRow(string Way, int Scores, double ScoresPerSecond);

public sealed record PipelineRow(int Users, int Works, double WorksPerSecond, double ScoresPerSecond, double ScoresPerCpuSecond, double P50Ms, double P99Ms, double PeakRssMb)
{
    /// <summary>WorkScored on the bus: the verdicts to post, not every score.</summary>
    public int Published { get; init; }

    /// <summary>CPU time of the whole process per work through scoring.</summary>
    public double CpuUsPerWork { get; init; }

    /// <summary>Full garbage collections during the stage.</summary>
    public int Gen2Collections { get; init; }

    /// <summary>Set when the stage did not finish in time; its figures are then over what arrived.</summary>
    public string? Cut { get; init; }
}

public sealed record RecordSizeRow(string Record, int Count, double BytesEach);
