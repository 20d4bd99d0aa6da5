using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.Testing;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Trainer.Tests;

/// <summary>
/// Inference reports a serving model it cannot use (<see cref="ServingModelFailed"/>); the trainer replaces it without a
/// new label, once per broken version. The retrain loop is driven tick by tick on a fake clock.
/// </summary>
public sealed class ServingModelFailedConsumerTests : IAsyncDisposable
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly byte[] Corrupt = [0x7b, 0x22, 0x00, 0xff];

    readonly TestStore _store = TestStore.Sqlite();
    // Set when the trainer starts, after the labels: what it registers is dated after them, as in production.
    FakeTimeProvider _time = null!;
    readonly FakeLoggerProvider _logs = new();
    IHost? _host;

    ITasteModelRegistry Registry => _store.Get<ITasteModelRegistry>();

    [Fact]
    public async Task A_serving_model_inference_cannot_use_is_replaced_without_a_new_label_judged_against_cold_start()
    {
        var broken = await ServeBrokenAsync("alice");
        var loop = await StartAsync();

        await ReportAsync(broken);
        await loop.RetrainDueAsync(Ct);

        var serving = (await Registry.FindServingAsync("alice", Ct)).ShouldNotBeNull();
        serving.Version.ShouldBe(broken.Version + 1);
        serving.StatusReason.ShouldNotBeNull().ShouldContain($"serving v{broken.Version} cannot be used (");
        Get<TasteModelFamilies>().Load(serving.Family, await Registry.LoadBytesAsync("alice", serving.Version, Ct)).ShouldNotBeNull();
        _logs.Lines().ShouldContain(l => l.Contains($"Inference cannot use v{broken.Version} (ngram) serving alice"));
    }

    [Fact]
    public async Task A_trainer_restarted_between_a_report_and_its_training_replaces_the_version_when_inference_reports_it_again()
    {
        var broken = await ServeBrokenAsync("alice");
        await StartAsync();
        await ReportAsync(broken);

        // Stopped before its next tick: the plan, in memory, is gone, and labels alone say nothing is new.
        await StopAsync();
        var loop = await StartAsync();
        await TickAsync(loop);
        (await Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(broken.Version, "nothing replaced it yet");
        // Inference reports a version that still serves again after ServingModelFailures.ReportAgainAfter.
        await ReportAsync(broken);
        await loop.RetrainDueAsync(Ct);

        var serving = (await Registry.FindServingAsync("alice", Ct)).ShouldNotBeNull();
        serving.Version.ShouldBe(broken.Version + 1);
        serving.StatusReason.ShouldNotBeNull().ShouldContain($"serving v{broken.Version} cannot be used (");
    }

    [Fact]
    public async Task The_same_broken_version_reported_again_is_retrained_once()
    {
        var broken = await ServeBrokenAsync("alice");
        // Its replacement saves bytes that do not load back: it is rejected and the broken version keeps serving.
        var loop = await StartAsync(new Dictionary<string, string?> { ["TasteModels:Family"] = CutShortFamily.Name });

        await ReportAsync(broken);
        await loop.RetrainDueAsync(Ct);
        // Another batch, another inference replica: the same version again.
        await ReportAsync(broken, times: 2);
        await TickAsync(loop);

        var versions = await Registry.ListAsync("alice", Ct);
        versions.Count.ShouldBe(3);
        versions[0].Status.ShouldBe(TasteModelStatus.Rejected);
        (await Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(broken.Version);
    }

    [Fact]
    public async Task A_report_about_a_version_that_no_longer_serves_changes_nothing()
    {
        var broken = await ServeBrokenAsync("alice");
        var loop = await StartAsync();
        await ReportAsync(broken);
        await loop.RetrainDueAsync(Ct);

        // A replica that met the broken version before the replacement reports it late.
        await ReportAsync(broken);
        await TickAsync(loop);

        (await Registry.ListAsync("alice", Ct)).Count.ShouldBe(broken.Version + 1);
        _logs.Lines().ShouldContain(l => l.Contains($"v{broken.Version + 1} serves now: nothing to replace"));
    }

    [Fact]
    public async Task A_user_with_too_few_labels_keeps_cold_start_and_the_log_says_why()
    {
        await SampleLabels.AddAsync(_store.Services, "alice", 0, 4, Ct);
        var broken = await Registry.RegisterAsync(new TasteModelDraft("alice", "ngram", new ModelMetrics(4, 2, 2, 1, 1, 1, 1, 1, 1, 0.5), Corrupt), Ct);
        await Registry.PromoteAsync("alice", broken.Version, "served before its bytes were damaged", Ct);
        var loop = await StartAsync();

        await ReportAsync(broken);
        await loop.RetrainDueAsync(Ct);

        (await Registry.ListAsync("alice", Ct)).ShouldHaveSingleItem();
        _logs.Lines().ShouldContain(l => l.Contains("The serving model of alice cannot be used and none replaces it: 4 usable labels, 20 needed"));
    }

    [Fact]
    public async Task A_report_without_its_user_faults_alone_naming_it()
    {
        var broken = await ServeBrokenAsync("alice");
        await StartAsync();
        var harness = _host!.Services.GetTestHarness();

        await harness.Bus.Publish(Report(broken) with { UserId = null! }, Ct);
        await ReportAsync(broken);

        var consumed = harness.Consumed.Select<ServingModelFailed>(Ct).ToList();
        consumed.Single(m => m.Exception is not null).Exception.Message.ShouldEndWith($"carries no user id (v{broken.Version}).");
    }

    /// <summary>
    /// A model trained on alice's labels, then a version with its very figures (trained through the same labels, same
    /// recipe) whose bytes the store damaged, promoted: to the trainer there is nothing new to train, by labels.
    /// </summary>
    async Task<TasteModelVersion> ServeBrokenAsync(string userId)
    {
        await SampleLabels.AddAsync(_store.Services, userId, 0, 24, Ct);
        await using (var trainer = new TrainerFixture(new() { ["Storage:DataDirectory"] = _store.Settings["Storage:DataDirectory"] }))
            (await trainer.Get<TasteModelTrainer>().TrainAsync(userId, Ct)).Decision.ShouldBe(TrainingDecision.Promoted);
        var trained = (await Registry.ListAsync(userId, Ct)).ShouldHaveSingleItem();
        var broken = await Registry.RegisterAsync(new TasteModelDraft(userId, trained.Family, trained.Metrics, Corrupt), Ct);
        await Registry.PromoteAsync(userId, broken.Version, "served before its bytes were damaged", Ct);
        return broken;
    }

    /// <summary>Starts the trainer and runs the tick its start runs (the schedule), which finds nothing new to train.</summary>
    async Task<RetrainLoop> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var versions = await AllVersionsAsync();
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _host = TrainerHost.Driven(_store, _time, _logs, settings);
        await _host.StartAsync(Ct);
        var loop = Get<RetrainLoop>();
        await loop.RetrainDueAsync(Ct);
        (await AllVersionsAsync()).ShouldBe(versions, "nothing is trained before the report");
        return loop;
    }

    /// <summary>Another tick, once every wait of the plan and the label watch has passed.</summary>
    async Task TickAsync(RetrainLoop loop)
    {
        var o = Get<IOptions<TrainerOptions>>().Value;
        _time.Advance(o.Debounce + o.LabelCheck);
        await loop.RetrainDueAsync(Ct);
    }

    async Task<int> AllVersionsAsync() => (await Registry.ListAsync("alice", Ct)).Count;

    static ServingModelFailed Report(TasteModelVersion version) =>
        new(version.UserId, version.Version, version.Family, "InvalidDataException: not a model", DateTimeOffset.UtcNow);

    /// <summary>Publishes the report and waits until the trainer consumed it.</summary>
    async Task ReportAsync(TasteModelVersion broken, int times = 1)
    {
        var harness = _host!.Services.GetTestHarness();
        var before = harness.Consumed.Select<ServingModelFailed>(Ct).Count();
        for (var i = 0; i < times; i++)
            await harness.Bus.Publish(Report(broken), Ct);
        await Eventually.HoldsAsync(() => harness.Consumed.Select<ServingModelFailed>(Ct).Count() == before + times, "the report consumed");
    }

    T Get<T>() where T : notnull => _host!.Services.GetRequiredService<T>();

    async Task StopAsync()
    {
        if (_host is null) return;
        await _host.StopAsync(Ct);
        _host.Dispose();
        _host = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _logs.Dispose();
        await _store.DisposeAsync();
    }
}
