using Konomi.Storage.Mongo;
using Konomi.Storage.Ports;
using MongoDB.Bson;
using MongoDB.Driver;
using Konomi.Testing;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver.Core.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Konomi.Storage.Tests;

/// <summary>The contract for the MongoDB adapter, with faults injected at the driver's command boundary.</summary>
public abstract class MongoStoreContract : StoreContract
{
    readonly MongoCommandFault _labelUpdates = new("update", "labels");
    readonly MongoCommandHold _modelUpdates = new("tasteModels");
    readonly MongoCommandInterleave _labelReads = new("aggregate", "labels");
    readonly MongoCommandLog _ledgerIndexDrops = new("dropIndexes", "notifications");
    readonly FakeLoggerProvider _logs = new();

    /// <summary>Whether the server drops an index when asked (MongoDB does; the MongoDB-wire test server has no dropIndexes).</summary>
    protected virtual bool DropsIndexes => true;

    protected sealed override TestStore? CreateStore(TimeProvider? clock = null) => CreateStore(s =>
    {
        s.AddSingleton<IEventSubscriber>(_labelUpdates);
        s.AddSingleton<IEventSubscriber>(_modelUpdates);
        s.AddSingleton<IEventSubscriber>(_labelReads);
        s.AddSingleton<IEventSubscriber>(_ledgerIndexDrops);
        s.AddSingleton<ILoggerProvider>(_logs);
        TestStore.WithClock(clock)?.Invoke(s);
    });

    protected abstract TestStore? CreateStore(Action<IServiceCollection> services);

    protected override Task<IAsyncDisposable> BreakLabelWritesAsync() => Task.FromResult(_labelUpdates.Arm());

    // SQLite promotes in one transaction; MongoDB in several writes, which two promotions at once can interleave.
    [Fact]
    public async Task Two_promotions_at_once_leave_the_later_one_serving_whatever_order_their_writes_land_in()
    {
        var registry = Get<ITasteModelRegistry>();
        for (var i = 0; i < 3; i++)
            await registry.RegisterAsync(Sample.Model("u1"), Ct);
        await registry.PromoteAsync("u1", 1, "first model", Ct);

        // The trainer's promotion of v2 stalls before it retires the rest, while a person promotes v3 from start to end.
        var held = _modelUpdates.HoldNextUpdateMany();
        var trainer = Task.Run(() => registry.PromoteAsync("u1", 2, "the trainer's", Ct), Ct);
        await held.Reached.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        await registry.PromoteAsync("u1", 3, "by hand", Ct);
        held.Released.Set();
        await trainer;

        var serving = (await registry.FindServingAsync("u1", Ct)).ShouldNotBeNull();
        (serving.Version, serving.StatusReason).ShouldBe((3, "by hand"));
        (await registry.ListAsync("u1", Ct)).Select(v => (v.Version, v.Status)).ShouldBe(
            [(3, TasteModelStatus.Serving), (2, TasteModelStatus.Retired), (1, TasteModelStatus.Retired)]);
    }

    // SQLite tallies in one statement; on MongoDB a second read would let a click land between the counts.
    [Fact]
    public async Task A_label_written_while_the_tally_is_read_is_in_all_of_its_user_s_counts_or_in_none()
    {
        var labels = Get<ILabelStore>();
        await labels.RecordAsync(Sample.Click("a1", interested: false, Sample.Noon), Ct);
        _labelReads.BeforeTheSecond(() => labels.RecordAsync(
            Sample.Click("a2", interested: true, Sample.Noon.AddMinutes(1), work: "RJ01000002"), Ct).GetAwaiter().GetResult());

        (await labels.TallyAsync(Ct)).ShouldHaveSingleItem().ShouldBeOneOf(
            new LabelTally("u1", 1, 0, Sample.Noon), new LabelTally("u1", 2, 1, Sample.Noon.AddMinutes(1)));
    }

    [Fact]
    public async Task A_pending_entry_stored_before_due_times_were_is_listed_when_due_and_not_before()
    {
        var notifications = Get<INotificationStore>();
        await notifications.TryCreateAsync(Sample.Notification("RJ01000001") with { HoldUntil = Sample.Noon.AddHours(2) }, Ct);
        await notifications.TryCreateAsync(Sample.Notification("RJ01000002"), Ct);
        var stored = Get<KonomiMongo>().Database.GetCollection<BsonDocument>("notifications");
        await stored.UpdateManyAsync(FilterDefinition<BsonDocument>.Empty, new BsonDocument("$unset", new BsonDocument("dueAt", "")), cancellationToken: Ct);

        (await notifications.ListDueAsync(Sample.Noon.AddHours(1), null, 10, Ct)).Select(n => n.WorkId).ShouldBe(["RJ01000002"]);
        (await notifications.ListDueAsync(Sample.Noon.AddHours(2), null, 10, Ct)).Select(n => n.WorkId).ShouldBe(["RJ01000002", "RJ01000001"]);
    }

    [Fact]
    public async Task The_ledger_s_sweep_index_from_before_due_times_is_dropped_on_start_and_the_due_index_is_there()
    {
        var stored = Get<KonomiMongo>().Database.GetCollection<BsonDocument>("notifications");
        // As the version before due times declared it, under the name the driver gave it.
        var old = await stored.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            Builders<BsonDocument>.IndexKeys.Ascending("status").Ascending("createdAt").Ascending("workId").Ascending("target")), cancellationToken: Ct);

        var notifications = Get<INotificationStore>();
        (await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct)).ShouldBeTrue();

        var names = await IndexNamesAsync(stored);
        names.ShouldContain("status_1_dueAt_1_createdAt_1_workId_1_target_1");
        names.Contains(old).ShouldBe(!DropsIndexes);
        _ledgerIndexDrops.Sent.Select(c => c["index"].AsString).ShouldBe([old]);
        // A server that will not drop it leaves a ledger that works and a warning saying what to run.
        _logs.Lines().Any(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"dropIndex(\"{old}\")", StringComparison.Ordinal))
            .ShouldBe(!DropsIndexes);
        (await notifications.ListDueAsync(Sample.Noon, null, 10, Ct)).Select(n => n.WorkId).ShouldBe(["RJ01000001"]);
    }

    [Fact]
    public async Task A_ledger_without_the_old_sweep_index_is_asked_to_drop_nothing()
    {
        var notifications = Get<INotificationStore>();
        (await notifications.TryCreateAsync(Sample.Notification("RJ01000001"), Ct)).ShouldBeTrue();

        (await IndexNamesAsync(Get<KonomiMongo>().Database.GetCollection<BsonDocument>("notifications")))
            .ShouldContain("status_1_dueAt_1_createdAt_1_workId_1_target_1");
        _ledgerIndexDrops.Sent.ShouldBeEmpty();
        _logs.Lines().ShouldNotContain(l => l.StartsWith("Warning", StringComparison.Ordinal));
    }

    static async Task<IReadOnlyList<string>> IndexNamesAsync(IMongoCollection<BsonDocument> collection) =>
        [.. (await (await collection.Indexes.ListAsync(Ct)).ToListAsync(Ct)).Select(i => i["name"].AsString)];

    [Fact]
    public async Task A_version_serving_from_before_promotions_were_numbered_is_read_and_retired_by_the_next_promotion()
    {
        var registry = Get<ITasteModelRegistry>();
        await registry.RegisterAsync(Sample.Model("u1"), Ct);
        await registry.RegisterAsync(Sample.Model("u1"), Ct);
        await registry.PromoteAsync("u1", 1, "first model", Ct);
        var versions = Get<KonomiMongo>().Database.GetCollection<BsonDocument>("tasteModels");
        await versions.UpdateOneAsync(new BsonDocument { ["userId"] = "u1", ["version"] = 1 },
            new BsonDocument("$unset", new BsonDocument("promotion", "")), cancellationToken: Ct);

        (await registry.FindServingAsync("u1", Ct)).ShouldNotBeNull().Version.ShouldBe(1);
        await registry.PromoteAsync("u1", 2, "more labels", Ct);

        (await registry.ListAsync("u1", Ct)).Select(v => (v.Version, v.Status)).ShouldBe(
            [(2, TasteModelStatus.Serving), (1, TasteModelStatus.Retired)]);
    }
}
