using Konomi.Contracts;
using Konomi.Settings;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Inference.Tests;

/// <summary>
/// Inference says how many labels a first model still needs by <c>Trainer:MinLabels</c>, and every service is given the
/// same configuration: so it binds the trainer's whole section (without referencing the trainer), takes the trainer's
/// other keys as they are, and refuses a misspelt one as the trainer would.
/// </summary>
public sealed class TrainerSettingsTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_cold_start_counts_labels_by_Trainer_MinLabels_beside_the_trainer_s_own_settings()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("bob"), Ct);
        var labelled = SampleWorks.Create(420);
        await store.Get<IWorkStore>().AddAsync(labelled, Guid.NewGuid(), Ct);
        await store.Get<ILabelStore>().RecordAsync(new Click("c1", "bob", labelled.Id, true, DateTimeOffset.UnixEpoch, "annotator"), Ct);

        await using var host = await InferenceHost.StartAsync(store, Ct, new Dictionary<string, string?>
        {
            ["Trainer:MinLabels"] = "6",
            // The trainer's, not inference's: the same config.env reaches every service.
            ["Trainer:Debounce"] = "00:05:00",
            ["Trainer:Folds"] = "3",
            ["Trainer:LearnFromEveryone"] = "false",
        });
        var scored = await host.Get<IColdStartScorer>().ScoreAsync(Guid.NewGuid(), new UserProfile("bob"), [SampleWorks.Create(421)], Ct);

        scored.ShouldHaveSingleItem().NoModel.ShouldBe("5 more labels needed for a first model, incl. at least 1 興味あり and 2 別に");
    }

    [Fact]
    public async Task A_misspelt_trainer_setting_stops_inference_at_start_naming_the_nearest_real_one()
    {
        await using var store = TestStore.Sqlite();

        var refused = await Should.ThrowAsync<Exception>(() => InferenceHost.StartAsync(store, Ct, new Dictionary<string, string?> { ["Trainer:MinLabel"] = "6" }));

        SettingFailures.Describe(refused).ShouldBe("Trainer:MinLabel is not a setting; did you mean Trainer:MinLabels?");
    }
}
