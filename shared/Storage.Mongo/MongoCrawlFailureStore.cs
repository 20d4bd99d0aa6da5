using Konomi.Storage.Ports;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

public sealed class MongoCrawlFailureStore(KonomiMongo mongo) : ICrawlFailureStore
{
    private static readonly UpdateDefinitionBuilder<CrawlFailureDocument> Update = Builders<CrawlFailureDocument>.Update;

    private readonly IndexedCollection<CrawlFailureDocument> _failures = mongo.Collection("crawlFailures",
        new CreateIndexModel<CrawlFailureDocument>(Builders<CrawlFailureDocument>.IndexKeys.Descending(f => f.LastFailedAt)));

    public async Task<CrawlFailure> RecordAsync(string workId, string error, DateTimeOffset at, CancellationToken ct = default)
    {
        var failures = await _failures.ReadyAsync(ct);
        var ticks = StoredTime.ToTicks(at);
        var update = Update.Inc(f => f.Attempts, 1).Set(f => f.LastError, error).Set(f => f.LastFailedAt, ticks).SetOnInsert(f => f.FirstFailedAt, ticks);
        var options = new FindOneAndUpdateOptions<CrawlFailureDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After };
        Task<CrawlFailureDocument> Upsert() => failures.FindOneAndUpdateAsync<CrawlFailureDocument>(f => f.Id == workId, update, options, ct);
        try
        {
            return ToFailure(await Upsert());
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            // Two upserts of a new record raced; the second finds the first's document now.
            return ToFailure(await Upsert());
        }
    }

    public async Task<CrawlFailure?> FindAsync(string workId, CancellationToken ct = default)
    {
        var failures = await _failures.ReadyAsync(ct);
        var found = await failures.Find(f => f.Id == workId).FirstOrDefaultAsync(ct);
        return found is null ? null : ToFailure(found);
    }

    public async Task<IReadOnlyList<CrawlFailure>> ListAsync(int limit = 100, CancellationToken ct = default)
    {
        var failures = await _failures.ReadyAsync(ct);
        var found = await failures.Find(Builders<CrawlFailureDocument>.Filter.Empty)
            .SortByDescending(f => f.LastFailedAt).ThenBy(f => f.Id).Limit(limit).ToListAsync(ct);
        return found.Select(ToFailure).ToList();
    }

    public async Task<bool> ForgetAsync(string workId, CancellationToken ct = default)
    {
        var failures = await _failures.ReadyAsync(ct);
        return (await failures.DeleteOneAsync(f => f.Id == workId, ct)).DeletedCount > 0;
    }

    static CrawlFailure ToFailure(CrawlFailureDocument d) =>
        new(d.Id, d.Attempts, d.LastError, StoredTime.FromTicks(d.FirstFailedAt), StoredTime.FromTicks(d.LastFailedAt));
}
