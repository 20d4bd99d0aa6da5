using System.Diagnostics.Metrics;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using Konomi.Testing;
using MassTransit;

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
        // A blob that is no ngram model at all, promoted as if it were one.
        var corrupt = await registry.RegisterAsync(new TasteModelDraft(broken, "ngram", new ModelMetrics(40, 20, 5, 1, 1, 1, 1, 1, 1, 0.5), [0x7b, 0x22, 0x00, 0xff]), Ct);
        await registry.PromoteAsync(broken, corrupt.Version, "test", Ct);
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
