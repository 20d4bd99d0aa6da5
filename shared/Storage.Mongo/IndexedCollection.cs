using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

/// <summary>
/// A collection whose indexes are created (idempotently: createIndexes with the same spec is a no-op) before
/// its first use in this process, so unique keys exist before the first write relies on them.
/// </summary>
public sealed class IndexedCollection<T>(IMongoCollection<T> collection, IReadOnlyList<CreateIndexModel<T>> indexes)
{
    private readonly OnceUntilDone _indexes = new(() => indexes.Count == 0
        ? Task.CompletedTask
        : collection.Indexes.CreateManyAsync(indexes));

    public async Task<IMongoCollection<T>> ReadyAsync(CancellationToken ct)
    {
        await _indexes.WaitAsync(ct);
        return collection;
    }
}
