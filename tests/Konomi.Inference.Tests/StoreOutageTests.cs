using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Testing;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Inference.Tests;

public sealed class StoreOutageTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Four quick retries (3.6 s) plus five attempts that each wait a 1 s server selection: under 10 s.
    static readonly TimeSpan LongerThanTheQuickRetries = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Works_that_arrive_while_the_store_is_away_longer_than_the_quick_retries_are_all_scored_when_it_returns()
    {
        using var mongo = await PrivateMongoWire.StartAsync(Ct);
        using var host = await StartAsync(new()
        {
            ["Storage:Provider"] = "mongo",
            ["ConnectionStrings:Mongo"] = mongo.ConnectionString("outage"),
        });
        var scores = host.Services.GetRequiredService<IScoreStore>();
        var works = SampleWorks.Range(500, 4);

        // Frozen before the first publish: the batch's first step (reading the users) meets the outage.
        mongo.Freeze();
        foreach (var work in works)
            await host.Services.GetRequiredService<IBus>().Publish(new NewWorkDetected(Guid.NewGuid(), work), Ct);
        await Task.Delay(LongerThanTheQuickRetries, Ct);
        mongo.Thaw();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await scores.ListAsync("alice", ct: Ct)).Count + (await scores.ListAsync("bob", ct: Ct)).Count < 8 && DateTime.UtcNow < deadline)
            await Task.Delay(500, Ct);
        (await scores.ListAsync("alice", ct: Ct)).Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        (await scores.ListAsync("bob", ct: Ct)).Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task Works_that_arrive_while_the_store_is_full_wait_past_the_outage_attempts_of_a_broker_and_are_all_scored_once_space_is_freed()
    {
        await using var store = TestStore.Sqlite();
        var attempts = new AttemptCount();
        using var host = await StartAsync(new(store.Settings)
        {
            ["Storage:MaxSizeMb"] = "1",
            // The outage retry's own schedule, made short: 8 attempts (a broker's limit) take well under a second.
            ["Bus:Retry:BaseDelay"] = "00:00:00.010",
            ["Bus:Retry:MaxDelay"] = "00:00:00.050",
        }, services =>
        {
            var adapter = services.Single(d => d.ServiceType == typeof(StoreOutage));
            services.Remove(adapter);
            services.AddSingleton(provider => attempts.Of((StoreOutage)ActivatorUtilities.CreateInstance(provider, adapter.ImplementationType!)));
        });
        var scores = host.Services.GetRequiredService<IScoreStore>();
        var works = SampleWorks.Range(600, 4);
        await using var disk = await FullDisk.FillAsync(Path.Combine(store.Settings["Storage:DataDirectory"]!, "konomi.db"), 1, "scores");

        foreach (var work in works)
            await host.Services.GetRequiredService<IBus>().Publish(new NewWorkDetected(Guid.NewGuid(), work), Ct);
        // Far past 8 attempts (each asks the classifier a few times: 8 stop well short of 200 questions): on a broker the
        // batch would be in its _error queue by now; in memory that queue dies with the process.
        await Eventually.HoldsAsync(() => attempts.Full > 200, "the batch to have met the full store far more often than 8 attempts could");
        (await scores.ListAsync("alice", ct: Ct)).ShouldBeEmpty();
        await disk.FreeAsync();

        await Eventually.HoldsAsync(async () => (await scores.ListAsync("alice", ct: Ct)).Count + (await scores.ListAsync("bob", ct: Ct)).Count == 8,
            "every work scored for both users");
        (await scores.ListAsync("alice", ct: Ct)).Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        (await scores.ListAsync("bob", ct: Ct)).Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        await host.StopAsync(Ct);
    }

    /// <summary>
    /// Inference as production composes it, on the in-memory bus: its bus's retry policy is what is under test. Users
    /// alice and bob; <paramref name="services"/> may change the registrations.
    /// </summary>
    static async Task<IHost> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Users:0:UserId"] = "alice",
            ["Users:1:UserId"] = "bob",
            ["Inference:BatchTimeLimit"] = "00:00:00.200",
        });
        builder.AddKonomiStorage();
        builder.AddInference();
        builder.AddKonomiBus();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(Ct);
        return host;
    }

    /// <summary>Counts the full-store failures the bus asks about (each attempt asks), passing the question on.</summary>
    sealed class AttemptCount
    {
        int _full;

        public int Full => Volatile.Read(ref _full);

        public StoreOutage Of(StoreOutage outage) => new Counting(outage, this);

        sealed class Counting(StoreOutage inner, AttemptCount count) : StoreOutage
        {
            protected override bool? Classify(Exception exception)
            {
                if (exception is SqliteException { SqliteErrorCode: 13 }) Interlocked.Increment(ref count._full);
                return inner.IsTransient(exception);
            }
        }
    }
}
