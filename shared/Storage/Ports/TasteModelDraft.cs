namespace Konomi.Storage.Ports;

public sealed record TasteModelDraft(string UserId, string Family, ModelMetrics Metrics, byte[] Bytes);
