using System.Text.RegularExpressions;
using Konomi.Contracts;
using Konomi.Storage.Ports;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

public sealed class MongoWorkStore(KonomiMongo mongo, TimeProvider clock) : IWorkStore
{
    private static readonly IndexKeysDefinitionBuilder<WorkDocument> Keys = Builders<WorkDocument>.IndexKeys;
    private static readonly FilterDefinitionBuilder<WorkDocument> Filter = Builders<WorkDocument>.Filter;

    private readonly IndexedCollection<WorkDocument> _works = mongo.Collection("works",
        new CreateIndexModel<WorkDocument>(Keys.Ascending(w => w.Announced).Ascending(w => w.AddedAt)),
        new CreateIndexModel<WorkDocument>(Keys.Descending(w => w.ReleaseDate).Descending(w => w.Id)));

    public Task<bool> AddAsync(Work work, Guid crawlRunId, CancellationToken ct = default) =>
        InsertAsync(work, crawlRunId, announced: false, ct);

    public async Task<int> ImportAsync(IReadOnlyList<Work> works, CancellationToken ct = default)
    {
        var known = await FindKnownAsync(works.Select(w => w.Id), ct);
        var added = 0;
        foreach (var work in works.Where(w => !known.Contains(w.Id)).DistinctBy(w => w.Id))
            added += await InsertAsync(work, Guid.Empty, announced: true, ct) ? 1 : 0;
        return added;
    }

    public async Task<IReadOnlyList<CrawledWork>> ListUnannouncedAsync(int limit = 500, CancellationToken ct = default)
    {
        var works = await _works.ReadyAsync(ct);
        var found = await works.Find(w => !w.Announced).SortBy(w => w.AddedAt).ThenBy(w => w.Id).Limit(limit).ToListAsync(ct);
        return found.Select(d => new CrawledWork(d.Work, Guid.Parse(d.CrawlRunId))).ToList();
    }

    public async Task<IReadOnlyList<CrawledWork>> ListAnnouncedAsync(DateTimeOffset from, DateTimeOffset before, int limit = 1000, CancellationToken ct = default)
    {
        var works = await _works.ReadyAsync(ct);
        var (first, end) = (StoredTime.ToTicks(from), StoredTime.ToTicks(before));
        var imported = Guid.Empty.ToString();
        var found = await works.Find(w => w.Announced && w.AddedAt >= first && w.AddedAt < end && w.CrawlRunId != imported)
            .SortByDescending(w => w.AddedAt).ThenByDescending(w => w.Id).Limit(limit).ToListAsync(ct);
        return found.Select(d => new CrawledWork(d.Work, Guid.Parse(d.CrawlRunId))).ToList();
    }

    public async Task MarkAnnouncedAsync(string workId, CancellationToken ct = default)
    {
        var works = await _works.ReadyAsync(ct);
        await works.UpdateOneAsync(w => w.Id == workId, Builders<WorkDocument>.Update.Set(w => w.Announced, true), cancellationToken: ct);
    }

    public async Task<Work?> FindAsync(string workId, CancellationToken ct = default)
    {
        var works = await _works.ReadyAsync(ct);
        var found = await works.Find(w => w.Id == workId).FirstOrDefaultAsync(ct);
        return found?.Work;
    }

    public async Task<IReadOnlyDictionary<string, Work>> FindManyAsync(IEnumerable<string> workIds, CancellationToken ct = default)
    {
        var ids = workIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<string, Work>();
        var works = await _works.ReadyAsync(ct);
        var found = await works.Find(Filter.In(w => w.Id, ids)).ToListAsync(ct);
        return found.ToDictionary(d => d.Work.Id, d => d.Work);
    }

    public async Task<IReadOnlySet<string>> FindKnownAsync(IEnumerable<string> workIds, CancellationToken ct = default)
    {
        var ids = workIds.Distinct().ToList();
        if (ids.Count == 0) return new HashSet<string>();
        var works = await _works.ReadyAsync(ct);
        var known = await works.Find(Filter.In(w => w.Id, ids))
            .Project<BsonDocument>(Builders<WorkDocument>.Projection.Include(w => w.Id)).ToListAsync(ct);
        return known.Select(d => d["_id"].AsString).ToHashSet();
    }

    public async Task<IReadOnlyList<Work>> ListAsync(string? text = null, int limit = 100, CancellationToken ct = default)
    {
        var works = await _works.ReadyAsync(ct);
        var filter = string.IsNullOrWhiteSpace(text)
            ? Filter.Empty
            : Filter.Regex(w => w.Search, new BsonRegularExpression(Regex.Escape(WorkSearch.Normalize(text))));
        var found = await works.Find(filter).SortByDescending(w => w.ReleaseDate).ThenByDescending(w => w.Id).Limit(limit).ToListAsync(ct);
        return found.Select(d => d.Work).ToList();
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        var works = await _works.ReadyAsync(ct);
        return await works.CountDocumentsAsync(Filter.Empty, cancellationToken: ct);
    }

    private async Task<bool> InsertAsync(Work work, Guid crawlRunId, bool announced, CancellationToken ct)
    {
        var works = await _works.ReadyAsync(ct);
        var document = new WorkDocument(work.Id, work, work.ReleaseDate?.ToString("yyyy-MM-dd"), WorkSearch.Text(work),
            crawlRunId.ToString(), clock.GetUtcNow().UtcTicks, announced);
        try
        {
            await works.InsertOneAsync(document, cancellationToken: ct);
            return true;
        }
        catch (Exception e) when (DuplicateKey.Is(e))
        {
            return false;
        }
    }
}
