namespace Konomi.Storage.Mongo;

public sealed record FloorReadDocument(string Id, long ReadAt, string? Error, long? UnreadSince);
