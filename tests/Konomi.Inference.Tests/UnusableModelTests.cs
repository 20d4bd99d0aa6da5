using System.Diagnostics.Metrics;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using Konomi.Storage;
using Konomi.Testing;
using Konomi.Trainer;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Inference.Tests;

public sealed class UnusableModelTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_whose_model_cannot_load_is_scored_cold_start_and_the_others_with_their_models()
    {
        await using var store = TestStore.Sqlite();
        var users = store.Get<IUserStore>();
        var broken = $"broken-{Guid.NewGuid():N}";
        await users.UpsertAsync(new UserProfile("alice"), Ct);
        await users.UpsertAsync(new UserProfile(broken), Ct);
        var registry = store.Get<ITasteModelRegistry>();
        await TasteModelSeed.ServeAsync(registry, "alice", SampleWorks.IsSoothing, Ct);
        await ServeCorruptAsync(registry, broken);
        using var failures = new FailureCount(broken);
        await using var host = await InferenceHost.StartAsync(store, Ct);
        var works = SampleWorks.Range(400, 5);

        foreach (var work in works)
            await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), work), Ct);

        await host.ScoredAsync(5, Ct);
        var scores = store.Get<IScoreStore>();
        List<WorkScored> scored = [.. await scores.ListAsync("alice", ct: Ct), .. await scores.ListAsync(broken, ct: Ct)];
        scored.Where(s => s.UserId == "alice").ShouldAllBe(s => s.ModelId == "ngram" && s.ModelVersion == 1);
        scored.Where(s => s.UserId == "alice").Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        scored.Where(s => s.UserId == broken).Select(s => s.WorkId).ShouldBe(works.Select(w => w.Id), ignoreOrder: true);
        scored.Where(s => s.UserId == broken).ShouldAllBe(s => s.ModelVersion == 0);
        (await host.Harness.Published.Any<Fault<Batch<NewWorkDetected>>>(Ct)).ShouldBeFalse();
        failures.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_model_version_whose_bytes_are_gone_falls_back_for_that_user_alone()
    {
        await using var store = TestStore.Sqlite();
        var users = store.Get<IUserStore>();
        var missing = $"missing-{Guid.NewGuid():N}";
        await users.UpsertAsync(new UserProfile("alice"), Ct);
        await users.UpsertAsync(new UserProfile(missing), Ct);
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        // "classifier" serves from files the deployment must provide; none are configured here.
        var registry = store.Get<ITasteModelRegistry>();
        var version = await registry.RegisterAsync(new TasteModelDraft(missing, "classifier", new ModelMetrics(40, 20, 5, 1, 1, 1, 1, 1, 1, 0.5), [1, 2, 3]), Ct);
        await registry.PromoteAsync(missing, version.Version, "test", Ct);
        using var failures = new FailureCount(missing);
        await using var host = await InferenceHost.StartAsync(store, Ct);

        await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), SampleWorks.Create(420)), Ct);

        await host.ScoredAsync(1, Ct);
        var scores = store.Get<IScoreStore>();
        List<WorkScored> scored = [.. await scores.ListAsync("alice", ct: Ct), .. await scores.ListAsync(missing, ct: Ct)];
        scored.Single(s => s.UserId == "alice").ModelId.ShouldBe("ngram");
        scored.Single(s => s.UserId == missing).ModelVersion.ShouldBe(0);
        failures.Value.ShouldBe(1);
    }

    [Fact]
    public async Task A_broken_serving_version_is_reported_to_the_trainer_once_an_hour_however_many_batches_meet_it()
    {
        await using var store = TestStore.Sqlite();
        var users = store.Get<IUserStore>();
        await users.UpsertAsync(new UserProfile("alice"), Ct);
        await users.UpsertAsync(new UserProfile("bob"), Ct);
        var registry = store.Get<ITasteModelRegistry>();
        await TasteModelSeed.ServeAsync(registry, "bob", SampleWorks.IsSoothing, Ct);
        var first = await ServeCorruptAsync(registry, "alice");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await InferenceHost.StartAsync(store, Ct, time: time);
        var batches = 0;
        async Task CrawlAsync()
        {
            await host.Harness.Bus.Publish(new NewWorkDetected(Guid.NewGuid(), SampleWorks.Create(430 + batches)), Ct);
            await host.ScoredAsync(++batches, Ct);
        }

        // Two crawls, two batches, both meeting alice's broken v1 within the hour: one report.
        await CrawlAsync();
        time.Advance(ServingModelFailures.ReportAgainAfter - TimeSpan.FromMinutes(1));
        await CrawlAsync();
        // Still serving an hour after its report: a trainer restarted meanwhile has forgotten it, so it is told again.
        time.Advance(TimeSpan.FromMinutes(1));
        await CrawlAsync();
        await CrawlAsync();
        // A later version breaks too: it is news of its own.
        var second = await ServeCorruptAsync(registry, "alice");
        await CrawlAsync();

        var reports = host.Harness.Published.Select<ServingModelFailed>(Ct).Select(m => m.Context.Message).ToList();
        reports.Select(r => (r.UserId, r.Version, r.Family))
            .ShouldBe([("alice", first.Version, "ngram"), ("alice", first.Version, "ngram"), ("alice", second.Version, "ngram")]);
        reports.ShouldAllBe(r => r.Reason.Contains("Exception: "));
    }

    [Fact]
    public async Task A_user_whose_model_cannot_load_is_served_a_new_model_and_scored_by_it_with_no_label_added()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("alice"), Ct);
        var labels = store.Get<ILabelStore>();
        foreach (var work in SampleWorks.Range(0, 24))
        {
            await store.Get<IWorkStore>().AddAsync(work, Guid.NewGuid(), Ct);
            await labels.RecordAsync(new Click($"c-{work.Id}", "alice", work.Id, SampleWorks.IsSoothing(work), DateTimeOffset.UtcNow, "test"), Ct);
        }
        // Inference and the trainer in one process on the in-memory bus, as `konomi run` composes them.
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Inference:BatchTimeLimit"] = "00:00:00.200" });
        builder.AddKonomiStorage();
        builder.AddInference();
        builder.AddTrainer();
        builder.AddKonomiBus();
        using var host = builder.Build();
        // A model trained on alice's labels, then the same model with bytes the store damaged: by labels, nothing is new.
        (await host.Services.GetRequiredService<TasteModelTrainer>().TrainAsync("alice", Ct)).Decision.ShouldBe(TrainingDecision.Promoted);
        var registry = store.Get<ITasteModelRegistry>();
        var trained = (await registry.ListAsync("alice", Ct)).ShouldHaveSingleItem();
        var broken = await registry.RegisterAsync(new TasteModelDraft("alice", trained.Family, trained.Metrics, [0x7b, 0x22, 0x00, 0xff]), Ct);
        await registry.PromoteAsync("alice", broken.Version, "served before its bytes were damaged", Ct);
        await host.StartAsync(Ct);
        var bus = host.Services.GetRequiredService<IBus>();
        var scores = store.Get<IScoreStore>();
        var (met, after) = (SampleWorks.Create(440), SampleWorks.Create(441));

        await bus.Publish(new NewWorkDetected(Guid.NewGuid(), met), Ct);
        await Eventually.HoldsAsync(async () => (await registry.FindServingAsync("alice", Ct))?.Version > broken.Version, "a new version serves alice");
        await bus.Publish(new NewWorkDetected(Guid.NewGuid(), after), Ct);
        await Eventually.HoldsAsync(async () => (await scores.ListAsync("alice", ct: Ct)).Any(s => s.WorkId == after.Id), "the next work scored");

        var scored = (await scores.ListAsync("alice", ct: Ct)).ToDictionary(s => s.WorkId);
        scored[met.Id].ModelVersion.ShouldBe(0, "the broken model met: cold start");
        scored[after.Id].ModelVersion.ShouldBe(broken.Version + 1, "scored by the model that replaced it");
        scored[after.Id].ModelId.ShouldBe("ngram");
        (await labels.ListAsync("alice", Ct)).Count.ShouldBe(24, "no label added");
        await host.StopAsync(Ct);
    }

    /// <summary>A blob that is no ngram model at all, promoted for <paramref name="userId"/> as if it were one.</summary>
    static async Task<TasteModelVersion> ServeCorruptAsync(ITasteModelRegistry registry, string userId)
    {
        var corrupt = await registry.RegisterAsync(new TasteModelDraft(userId, "ngram", new ModelMetrics(40, 20, 5, 1, 1, 1, 1, 1, 1, 0.5), [0x7b, 0x22, 0x00, 0xff]), Ct);
        await registry.PromoteAsync(userId, corrupt.Version, "test", Ct);
        return corrupt;
    }

    /// <summary>The alert counter as /metrics exports it, for one user.</summary>
    sealed class FailureCount : IDisposable
    {
        readonly MeterListener _listener = new();
        long _value;

        public FailureCount(string userId)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == KonomiTelemetry.Name && instrument.Name == "konomi.inference.model_load_failures")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "user" && (string?)tag.Value == userId)
                        Interlocked.Add(ref _value, value);
            });
            _listener.Start();
        }

        public long Value => Interlocked.Read(ref _value);

        public void Dispose() => _listener.Dispose();
    }
}
