namespace Konomi.Storage.Ports;

public sealed record TasteModelVersion(
    string UserId,
    int Version,
    string Family,
    TasteModelStatus Status,
    ModelMetrics Metrics,
    DateTimeOffset CreatedAt,
    string? StatusReason);
