using Konomi.Contracts;
using Konomi.Storage.Mongo;
using Konomi.Storage.Ports;
using Konomi.Storage.Sqlite;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Konomi.Benchmarks.Scale;

/// <summary>
/// Bytes each kind of record takes in an empty store of the configured provider: SQLite's file growth
/// (tables and indexes, after a checkpoint) per record; MongoDB's BSON size per document (before
/// WiredTiger's compression and without indexes, which the wire server does not report). Records go in
/// the way the services write them: a run's scores in one call, everything else one at a time.
/// </summary>
public sealed class RecordSizes(IServiceProvider services, ScaleCorpus corpus, TextWriter log)
{
    /// <param name="count">Works, scores, labels and notifications written; snapshots and model versions are a twentieth and a two-hundredth of it.</param>
    public async Task<IReadOnlyList<RecordSizeRow>> MeasureAsync(int count, CancellationToken ct)
    {
        var works = corpus.Works.Take(count).ToList();
        var family = services.GetRequiredService<TasteModelFamilies>().Get("ngram");
        var inputs = services.GetRequiredService<TasteInputBuilder>();
        var model = family.Train([.. corpus.Sample(1000, seed: 3).Select(i => new Example(inputs.Build(corpus.Works[i]), corpus.Liked[i]))], ct);
        var bytes = model.Serialize();
        var run = Guid.NewGuid();
        var reasons = new List<ScoreReason> { new("model", "声優: 春野ゆき", 0.31), new("model", "ジャンル: 耳かき", 0.22), new("model", "サークル: しずくの森", 0.12) };

        var rows = new List<RecordSizeRow>
        {
            await MeasureAsync("work", "works", works.Count, () => services.GetRequiredService<IWorkStore>().ImportAsync(works, ct)),
            await MeasureAsync("score", "scores", works.Count, () => services.GetRequiredService<IScoreStore>().AddManyAsync(
                [.. works.Select(w => new WorkScored(run, w.Id, "user0001", 0.72, 0.5, true, "ngram", 3, reasons))], ct)),
            await MeasureAsync("label (its click and the current label)", "labels", works.Count, () => services.GetRequiredService<ILabelStore>().ImportAsync(
                [.. works.Select((w, i) => new Click($"U0SLACK-{i}.{Guid.NewGuid():N}", "user0001", w.Id, i % 2 == 0, DateTimeOffset.UtcNow, "slack"))], ct)),
            await MeasureAsync("notification", "notifications", works.Count, async () =>
            {
                foreach (var work in works)
                    await services.GetRequiredService<INotificationStore>().TryCreateAsync(
                        new Notification(work.Id, "C0123456789", "user0001", run, NotificationStatus.Pending, 0, DateTimeOffset.UtcNow), ct);
            }),
            await MeasureAsync("crawl snapshot (100 ids)", "snapshots", Math.Max(1, count / 20), async () =>
            {
                for (var i = 0; i < Math.Max(1, count / 20); i++)
                    await services.GetRequiredService<ISnapshotStore>().AddAsync(
                        new CrawlSnapshot(Guid.NewGuid(), DateTimeOffset.UtcNow, "maniax", [.. corpus.Works.Skip(i).Take(100).Select(w => w.Id)]), ct);
            }),
            await MeasureAsync($"model version (ngram, 1,000 labels, {bytes.Length:N0} model bytes)", "tasteModels", Math.Max(1, count / 200), async () =>
            {
                for (var i = 0; i < Math.Max(1, count / 200); i++)
                    await services.GetRequiredService<ITasteModelRegistry>().RegisterAsync(
                        new TasteModelDraft("user0001", family.Name, new ModelMetrics(1000, 300, 5, 0.8, 0.7, 0.6, 0.65, 0.8, 0.7, 0.5), bytes), ct);
            }),
        };
        foreach (var row in rows) log.WriteLine($"{row.Record}: {row.BytesEach:N0} bytes each over {row.Count:N0}");
        return rows;
    }

    private async Task<RecordSizeRow> MeasureAsync(string record, string mongoCollection, int count, Func<Task> write)
    {
        var before = await SizeAsync(mongoCollection);
        await write();
        return new RecordSizeRow(record, count, (await SizeAsync(mongoCollection) - before) / count);
    }

    private async Task<double> SizeAsync(string mongoCollection)
    {
        if (services.GetService<SqliteDatabase>() is { } sqlite)
        {
            await using var connection = await sqlite.OpenAsync();
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)", CancellationToken.None);
            var pages = await connection.QueryAsync("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", r => r.GetInt64(0), CancellationToken.None);
            return pages[0];
        }
        var database = services.GetRequiredService<KonomiMongo>().Database;
        double total = 0;
        foreach (var name in mongoCollection == "tasteModels" ? new[] { "tasteModels", "tasteModelChunks" } : mongoCollection == "labels" ? ["labels", "clicks"] : [mongoCollection])
            await database.GetCollection<RawBsonDocument>(name).Find(FilterDefinition<RawBsonDocument>.Empty)
                .ForEachAsync(d => total += d.Slice.Length);
        return total;
    }
}
