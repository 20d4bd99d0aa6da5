using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

/// <summary>
/// A collection whose indexes are created (idempotently: createIndexes with the same spec is a no-op) before
/// its first use in this process, so unique keys exist before the first write relies on them. Indexes an earlier
/// version created and this one no longer reads (<c>retired</c>, by name) are dropped then, after the new ones
/// exist, as every write would keep them up for nothing.
/// </summary>
public sealed partial class IndexedCollection<T>
{
    // The server's code for an index that is not there.
    private const int IndexNotFound = 27;

    private readonly IMongoCollection<T> _collection;
    private readonly IReadOnlyList<CreateIndexModel<T>> _indexes;
    private readonly IReadOnlyList<string> _retired;
    private readonly ILogger _logger;
    private readonly OnceUntilDone _setUp;

    public IndexedCollection(IMongoCollection<T> collection, IReadOnlyList<CreateIndexModel<T>> indexes, IReadOnlyList<string> retired, ILogger logger)
    {
        (_collection, _indexes, _retired, _logger) = (collection, indexes, retired, logger);
        _setUp = new OnceUntilDone(SetUpAsync);
    }

    public async Task<IMongoCollection<T>> ReadyAsync(CancellationToken ct)
    {
        await _setUp.WaitAsync(ct);
        return _collection;
    }

    private async Task SetUpAsync()
    {
        if (_indexes.Count > 0) await _collection.Indexes.CreateManyAsync(_indexes);
        if (_retired.Count == 0) return;
        var existing = await (await _collection.Indexes.ListAsync()).ToListAsync();
        var names = existing.Select(i => i["name"].AsString).ToHashSet(StringComparer.Ordinal);
        foreach (var name in _retired.Where(names.Contains))
        {
            try
            {
                await _collection.Indexes.DropOneAsync(name);
                LogRetiredIndexDropped(_logger, name, _collection.CollectionNamespace.CollectionName);
            }
            catch (MongoCommandException e) when (e.Code == IndexNotFound)
            {
                // Another process dropped it since the look: what this one was about to do.
            }
            catch (MongoCommandException e)
            {
                // The server said no (a MongoDB-wire server without dropIndexes, as the test server; a role without
                // dropIndex): the index costs write time, not correctness, so the collection is used all the same
                // and the log says what to run by hand. A lost connection is not this: set-up is tried again.
                LogRetiredIndexKept(_logger, name, _collection.CollectionNamespace.CollectionName, e.Message);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Dropped the index {Index} on {Collection}: no query reads it any more")]
    static partial void LogRetiredIndexDropped(ILogger logger, string index, string collection);

    [LoggerMessage(2, LogLevel.Warning, "The index {Index} on {Collection} is no longer read but the server did not drop it ({Reason}); drop it by hand: db.{Collection}.dropIndex(\"{Index}\")")]
    static partial void LogRetiredIndexKept(ILogger logger, string index, string collection, string reason);
}
