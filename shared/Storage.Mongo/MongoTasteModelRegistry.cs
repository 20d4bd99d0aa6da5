using Konomi.Storage.Ports;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

public sealed class MongoTasteModelRegistry(KonomiMongo mongo, TimeProvider clock) : ITasteModelRegistry
{
    private static readonly UpdateDefinitionBuilder<TasteModelDocument> Update = Builders<TasteModelDocument>.Update;

    private readonly IndexedCollection<TasteModelDocument> _versions = mongo.Collection("tasteModels",
        new CreateIndexModel<TasteModelDocument>(Builders<TasteModelDocument>.IndexKeys.Ascending(v => v.UserId).Descending(v => v.Version),
            new CreateIndexOptions { Unique = true, Name = "one_version_number_per_user" }));

    // One counter per user: the order of promotions, which the order their writes reach the store need not keep.
    private readonly IndexedCollection<BsonDocument> _promotions = mongo.Collection<BsonDocument>("tasteModelPromotions");

    private readonly IndexedCollection<TasteModelChunk> _chunks = mongo.Collection("tasteModelChunks",
        new CreateIndexModel<TasteModelChunk>(Builders<TasteModelChunk>.IndexKeys.Ascending(c => c.ModelId).Ascending(c => c.N),
            new CreateIndexOptions { Unique = true }));

    public async Task<TasteModelVersion> RegisterAsync(TasteModelDraft draft, CancellationToken ct = default)
    {
        var id = ObjectId.GenerateNewId();
        // Bytes first: a version is never visible without them.
        var chunks = await _chunks.ReadyAsync(ct);
        var parts = draft.Bytes.Chunk(TasteModelChunk.Size).Select((data, n) => new TasteModelChunk(ObjectId.GenerateNewId(), id, n, data)).ToList();
        if (parts.Count > 0) await chunks.InsertManyAsync(parts, cancellationToken: ct);

        var versions = await _versions.ReadyAsync(ct);
        while (true)
        {
            var latest = await versions.Find(v => v.UserId == draft.UserId).SortByDescending(v => v.Version).FirstOrDefaultAsync(ct);
            var document = new TasteModelDocument(id, draft.UserId, (latest?.Version ?? 0) + 1, draft.Family, TasteModelStatus.Candidate,
                draft.Metrics, StoredTime.ToTicks(clock.GetUtcNow()), null, draft.Bytes.Length);
            try
            {
                await versions.InsertOneAsync(document, cancellationToken: ct);
                return document.ToVersion();
            }
            catch (Exception e) when (DuplicateKey.Is(e))
            {
                // Another trainer took that number a moment ago: take the next one.
            }
        }
    }

    public async Task<TasteModelVersion?> FindServingAsync(string userId, CancellationToken ct = default) =>
        (await FindServingDocumentAsync(userId, ct))?.ToVersion();

    private async Task<TasteModelDocument?> FindServingDocumentAsync(string userId, CancellationToken ct)
    {
        var versions = await _versions.ReadyAsync(ct);
        // Two promotions at once may briefly both serve (see PromoteAsync): the later promotion is the one that serves.
        return await versions.Find(v => v.UserId == userId && v.Status == TasteModelStatus.Serving)
            .SortByDescending(v => v.Promotion).ThenByDescending(v => v.Version).FirstOrDefaultAsync(ct);
    }

    public async Task<TasteModelVersion?> FindAsync(string userId, int version, CancellationToken ct = default) =>
        (await FindDocumentAsync(userId, version, ct))?.ToVersion();

    public async Task<IReadOnlyList<TasteModelVersion>> ListAsync(string userId, CancellationToken ct = default)
    {
        var versions = await _versions.ReadyAsync(ct);
        var found = await versions.Find(v => v.UserId == userId).SortByDescending(v => v.Version).ToListAsync(ct);
        return found.Select(v => v.ToVersion()).ToList();
    }

    public async Task<byte[]> LoadBytesAsync(string userId, int version, CancellationToken ct = default)
    {
        var document = await FindDocumentAsync(userId, version, ct) ?? throw new TasteModelNotFoundException(userId, version);
        var chunks = await _chunks.ReadyAsync(ct);
        var parts = await chunks.Find(c => c.ModelId == document.Id).SortBy(c => c.N).ToListAsync(ct);
        var bytes = parts.SelectMany(c => c.Data).ToArray();
        if (bytes.Length != document.ByteCount)
            throw new InvalidDataException($"Taste model {userId} v{version} has {bytes.Length} of its {document.ByteCount} bytes.");
        return bytes;
    }

    /// <summary>
    /// Serving first, then the rest retired: a reader never finds no model at all in between. The writes are numbered
    /// so that two promotions at once (the trainer and a person) end with the later one serving, whatever order their
    /// writes land in: each retires only versions an earlier promotion made serve, and steps down itself if it finds
    /// a later one. (Retiring every other version, as before, let each retire the other's: no version served.)
    /// </summary>
    public async Task PromoteAsync(string userId, int version, string reason, CancellationToken ct = default)
    {
        var promotions = await _promotions.ReadyAsync(ct);
        while (true)
        {
            // Whatever the last number is: another promotion taking it in between only means trying the next.
            var counter = await promotions.Find(Builders<BsonDocument>.Filter.Eq("_id", userId)).FirstOrDefaultAsync(ct);
            if (await NextPromotionAfterAsync(userId, counter?["last"].ToInt64(), ct) is { } promotion)
            {
                await ApplyAsync(userId, version, reason, promotion, ct);
                return;
            }
        }
    }

    /// <summary>
    /// The promotion counter is the fence: the number the serving version was promoted with is taken as the next one's
    /// base only if no promotion came since (one atomic findAndModify), then the writes follow as in <see cref="PromoteAsync"/>.
    /// </summary>
    public async Task<bool> PromoteIfServingAsync(string userId, int version, string reason, int? serving, CancellationToken ct = default)
    {
        var now = await FindServingDocumentAsync(userId, ct);
        if (now?.Version != serving)
            return false;
        if (await NextPromotionAfterAsync(userId, now?.Promotion, ct) is not { } promotion)
            return false;
        await ApplyAsync(userId, version, reason, promotion, ct);
        return true;
    }

    // The writes PromoteAsync describes, numbered by the promotion counter.
    private async Task ApplyAsync(string userId, int version, string reason, long promotion, CancellationToken ct)
    {
        var versions = await _versions.ReadyAsync(ct);
        var promoted = await versions.UpdateOneAsync(v => v.UserId == userId && v.Version == version,
            Update.Set(v => v.Status, TasteModelStatus.Serving).Set(v => v.StatusReason, reason).Set(v => v.Promotion, promotion), cancellationToken: ct);
        if (promoted.MatchedCount == 0) throw new TasteModelNotFoundException(userId, version);
        await versions.UpdateManyAsync(v => v.UserId == userId && v.Status == TasteModelStatus.Serving && v.Version != version
                && (v.Promotion == null || v.Promotion < promotion),
            Update.Set(v => v.Status, TasteModelStatus.Retired), cancellationToken: ct);
        if (await versions.Find(v => v.UserId == userId && v.Status == TasteModelStatus.Serving && v.Promotion > promotion).AnyAsync(ct))
            await versions.UpdateOneAsync(v => v.UserId == userId && v.Version == version && v.Promotion == promotion,
                Update.Set(v => v.Status, TasteModelStatus.Retired), cancellationToken: ct);
    }

    // The next number only if the last one is still <paramref name="last"/> (none yet: null); else null.
    private async Task<long?> NextPromotionAfterAsync(string userId, long? last, CancellationToken ct)
    {
        var promotions = await _promotions.ReadyAsync(ct);
        var counter = Builders<BsonDocument>.Filter.Eq("_id", userId);
        try
        {
            // Nothing numbered yet: only creating the counter counts (an existing one fails the upsert's insert).
            var next = await promotions.FindOneAndUpdateAsync(
                counter & (last is { } seen ? Builders<BsonDocument>.Filter.Eq("last", seen) : Builders<BsonDocument>.Filter.Exists("last", false)),
                Builders<BsonDocument>.Update.Inc("last", 1L),
                new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = last is null, ReturnDocument = ReturnDocument.After }, ct);
            return next?["last"].ToInt64();
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            return null;
        }
    }

    public Task RejectAsync(string userId, int version, string reason, CancellationToken ct = default) =>
        SetStatusAsync(userId, version, TasteModelStatus.Rejected, reason, ct);

    private async Task SetStatusAsync(string userId, int version, TasteModelStatus status, string reason, CancellationToken ct)
    {
        var versions = await _versions.ReadyAsync(ct);
        var result = await versions.UpdateOneAsync(v => v.UserId == userId && v.Version == version,
            Update.Set(v => v.Status, status).Set(v => v.StatusReason, reason), cancellationToken: ct);
        if (result.MatchedCount == 0) throw new TasteModelNotFoundException(userId, version);
    }

    private async Task<TasteModelDocument?> FindDocumentAsync(string userId, int version, CancellationToken ct)
    {
        var versions = await _versions.ReadyAsync(ct);
        return await versions.Find(v => v.UserId == userId && v.Version == version).FirstOrDefaultAsync(ct);
    }
}
