using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi status</c> process on a store.</summary>
public class StatusCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_counts_every_pending_and_failed_notification()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);
        var ledger = store.Get<INotificationStore>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 150; i++)
            await ledger.TryCreateAsync(new Notification($"RJ{i:D8}", "C0123", "me", Guid.NewGuid(), NotificationStatus.Pending, 0, now.AddSeconds(-i)), Ct);
        await ledger.TryLeaseAsync("RJ00000007", "C0123", "cli-test", now.AddMinutes(5), Ct);
        await ledger.MarkFailedAsync("RJ00000007", "C0123", "cli-test", "channel_not_found", retryAt: null, Ct);

        var result = await KonomiCli.RunAsync(["status", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("notifications  149 pending, 1 failed");
    }

    [Fact]
    public async Task Status_counts_clicks_whose_follow_up_is_still_to_do_and_says_nothing_once_they_are_done()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);
        var labels = store.Get<ILabelStore>();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await labels.RecordAsync(new Click("c1", "me", "RJ00000001", true, at, "slack"), "redraw c1", Ct);
        await labels.RecordAsync(new Click("c2", "me", "RJ00000002", false, at.AddSeconds(1), "slack"), "redraw c2", Ct);
        string[] status = ["status", "--data-dir", store.Settings["Storage:DataDirectory"]!];

        var waiting = await KonomiCli.RunAsync(status, ct: Ct);
        var claim = await labels.ClaimFollowUpsAsync("cli-test", DateTimeOffset.UtcNow.AddMinutes(1), Ct);
        foreach (var followUp in claim.Claimed)
            await labels.CompleteFollowUpAsync(followUp.ClickId, "cli-test", Ct);
        var done = await KonomiCli.RunAsync(status, ct: Ct);

        waiting.ExitCode.ShouldBe(0, waiting.Error);
        waiting.Output.ShouldContain("clicks         2 stored but not yet followed up");
        done.Output.ShouldNotContain("followed up");
    }

    [Theory]
    [InlineData(0, 0, "20 more labels needed for a first model, incl. at least 2 興味あり and 2 別に (`konomi label`)")]
    [InlineData(1, 25, "1 more label needed for a first model, incl. at least 1 興味あり (`konomi label`)")]
    [InlineData(3, 17, "enough labels for a first model: it is trained next (a running trainer: `konomi run`, the trainer service, trains it within 3 min (Trainer:LabelCheck + Trainer:Debounce); `konomi train` now)")]
    public async Task Status_says_what_a_first_model_needs_by_the_trainer_s_rule_counting_labels_of_stored_works(int liked, int notLiked, string needed)
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);
        var labels = store.Get<ILabelStore>();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < liked + notLiked; i++)
        {
            await store.Get<IWorkStore>().AddAsync(Sample.Work($"RJ{i:D8}"), Guid.NewGuid(), Ct);
            await labels.RecordAsync(new Click($"c{i}", "me", $"RJ{i:D8}", i < liked, at.AddSeconds(i), "import"), Ct);
        }
        // Labels of works not stored teach nothing yet: they never make up for missing ones.
        for (var i = 0; i < 30; i++)
            await labels.RecordAsync(new Click($"orphan{i}", "me", $"RJ9{i:D7}", true, at, "import"), Ct);

        var result = await KonomiCli.RunAsync(["status", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain($"labels {liked} liked / {notLiked} not (30 more of works not stored)");
        result.Output.ShouldContain($"no model serving: {needed}");
    }

    [Fact]
    public async Task Status_of_a_user_with_enough_labels_and_no_model_says_when_the_trainer_trains_it_by_its_settings()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);
        for (var i = 0; i < 20; i++)
        {
            await store.Get<IWorkStore>().AddAsync(Sample.Work($"RJ{i:D8}"), Guid.NewGuid(), Ct);
            await store.Get<ILabelStore>().RecordAsync(new Click($"c{i}", "me", $"RJ{i:D8}", i % 2 == 0, Sample.Noon.AddSeconds(i), "annotator"), Ct);
        }

        var result = await KonomiCli.RunAsync(["status", "--data-dir", store.Settings["Storage:DataDirectory"]!],
            new Dictionary<string, string?> { ["Trainer__LabelCheck"] = "00:00:30", ["Trainer__Debounce"] = "00:00:15" }, ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("no model serving: enough labels for a first model: it is trained next (a running trainer: `konomi run`, the trainer service, trains it within 45 s");
    }

    [Fact]
    public async Task Status_shows_the_serving_model_s_pooled_figures_as_the_model_card_and_models_list_do()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);
        var registry = store.Get<ITasteModelRegistry>();
        // Per-fold means differ from the pooled figures; `konomi train` and `konomi models list` show the pooled ones.
        var metrics = new ModelMetrics(22, 10, 5, 0.59, 0.60, 0.80, 0.70, 0.80, 0.84, 0.27) { F1Pooled = 0.64, AveragePrecision = 0.78 };
        var v1 = await registry.RegisterAsync(new TasteModelDraft("me", "ngram", metrics, [1, 2, 3]), Ct);
        await registry.PromoteAsync("me", v1.Version, "first model", Ct);
        string[] dataDir = ["--data-dir", store.Settings["Storage:DataDirectory"]!];

        var status = await KonomiCli.RunAsync(["status", .. dataDir], ct: Ct);
        var list = await KonomiCli.RunAsync(["models", "list", "--user", "me", .. dataDir], ct: Ct);

        status.ExitCode.ShouldBe(0, status.Error);
        status.Output.ShouldContain("F1 0.64, average precision 0.78, 22 labels");
        list.Output.ShouldContain("0.64  0.78");
    }

    [Fact]
    public async Task Status_of_a_user_whose_first_model_the_gate_rejected_says_so_instead_of_asking_for_konomi_train_again()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("bob"), Ct);
        var labels = store.Get<ILabelStore>();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < 22; i++)
        {
            await store.Get<IWorkStore>().AddAsync(Sample.Work($"RJ{i:D8}"), Guid.NewGuid(), Ct);
            await labels.RecordAsync(new Click($"c{i}", "bob", $"RJ{i:D8}", i % 2 == 0, at.AddSeconds(i), "annotator"), Ct);
        }
        var registry = store.Get<ITasteModelRegistry>();
        var v1 = await registry.RegisterAsync(new TasteModelDraft("bob", "ngram", new ModelMetrics(22, 11, 5, 0.5, 0.5, 0.9, 0.67, 0.4, 0.42, 0.39), [1]), Ct);
        await registry.RejectAsync("bob", v1.Version, "worse: AP 0.342 vs cold start 0.500 on 22 fresh labels (11 liked)", Ct);

        var result = await KonomiCli.RunAsync(["status", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        // `konomi train` again would train nothing (no new label, same recipe): the user needs the gate's reason.
        result.Output.ShouldNotContain("(or `konomi train`)");
        result.Output.ShouldContain("no model serving: model v1 was rejected by the promotion gate (F1 0.67; worse: AP 0.342 vs cold start 0.500 on "
            + "22 fresh labels (11 liked)); keep labelling: new labels retrain it (`konomi models list --user bob`; `konomi models promote --user bob --version 1` serves it anyway)");
    }
}
