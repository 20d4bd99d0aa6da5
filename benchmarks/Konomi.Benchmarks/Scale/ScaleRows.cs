namespace Konomi.Benchmarks.Scale;

public sealed record TrainingRow(int Labels, double WallSeconds, double CpuSeconds, int ModelBytes);

/// <summary>Scoring at one user count: every user in one call (as served) and, from the same run, each user on their own.</summary>
public sealed record UsersRow(int Users, long Pairs, double PairsPerSecond, double PairsPerCpuSecond, double AlonePairsPerSecond, double AlonePairsPerCpuSecond,
    double LoadSeconds, double ManagedMb, double RssMb)
{
    public ScoringBreakdown? Breakdown { get; init; }
}

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
