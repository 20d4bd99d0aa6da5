using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Trainer.Tests;

public sealed class LabelChangesTests
{
    [Fact]
    public async Task A_label_dated_before_the_latest_model_that_reached_the_store_after_it_makes_the_user_due()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var trainer = new TrainerFixture();
        var (changes, labels) = (trainer.Get<LabelChanges>(), trainer.Get<ILabelStore>());
        await trainer.LabelAsync("alice", 0, 24, ct);
        (await trainer.Get<TasteModelTrainer>().TrainAsync("alice", ct)).Version.ShouldBe(1);
        (await changes.UsersToRetrainAsync(ct)).ShouldBeEmpty();
        var before = (await trainer.Registry.FindAsync("alice", 1, ct))!.CreatedAt.AddDays(-1);

        // A label of a work never stored teaches nothing, whenever it came.
        await labels.RecordAsync(new Click("import-1", "alice", "RJ99999999", true, before, "import"), ct);
        (await changes.UsersToRetrainAsync(ct)).ShouldBeEmpty();

        // One the model could learn from, dated before it (a labels import of an older export, a click Slack delivered late).
        var work = SampleWorks.Create(24);
        await trainer.Get<IWorkStore>().AddAsync(work, Guid.NewGuid(), ct);
        await labels.RecordAsync(new Click("import-2", "alice", work.Id, true, before, "import"), ct);

        (await changes.UsersToRetrainAsync(ct)).ShouldBe(["alice"]);
    }
}
