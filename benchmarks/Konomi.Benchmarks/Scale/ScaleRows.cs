namespace Konomi.Benchmarks.Scale;

public sealed record TrainingRow(int Labels, double WallSeconds, double CpuSeconds, int ModelBytes);

public sealed record UsersRow(int Users, long Pairs, double PairsPerSecond, double PairsPerCpuSecond, double LoadSeconds, double ManagedMb, double RssMb);

public sealed record PipelineRow(int Users, int Works, double WorksPerSecond, double ScoresPerSecond, double P50Ms, double P99Ms, double PeakRssMb);

public sealed record RecordSizeRow(string Record, int Count, double BytesEach);
