using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Trainer.Tests;

public sealed class WorkspaceTrainerTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new ear-cleaning work, and one of a theme nobody ever labelled: alone, Alice knows neither.</summary>
    static readonly TasteInput[] EarCleaningAndPirates = [TasteInput.FromText("耳かきの新作"), TasteInput.FromText("海賊の新作")];

    /// <summary>Alice has never labelled an ear-cleaning (耳かき) work; Bob, who shares her taste, has.</summary>
    static async Task AliceAndBobAsync(TrainerFixture trainer, bool bobShares = true)
    {
        await trainer.Get<IUserStore>().UpsertAsync(new UserProfile("alice"), Ct);
        await trainer.Get<IUserStore>().UpsertAsync(new UserProfile("bob", Shared: bobShares), Ct);
        await TasteLabels.AddAsync(trainer.Services, "alice", 0, 32, TasteLabels.LikesSoothing, Ct, skip: "耳かき");
        await TasteLabels.AddAsync(trainer.Services, "bob", 1000, 48, TasteLabels.LikesSoothing, Ct);
    }

    async Task<ITasteModel> ServingAsync(TrainerFixture trainer, string userId)
    {
        var serving = (await trainer.Registry.FindServingAsync(userId, Ct)).ShouldNotBeNull();
        return trainer.Get<TasteModelFamilies>().Load(serving.Family, await trainer.Registry.LoadBytesAsync(userId, serving.Version, Ct));
    }

    async Task<ITasteModel> AloneAsync(TrainerFixture trainer, string userId) =>
        trainer.Get<TasteModelFamilies>().Get(NgramFamily.Name).Train((await trainer.Get<TrainingSets>().LoadAsync(userId, Ct)).Examples, Ct);

    [Fact]
    public async Task Two_sharing_users_each_get_a_version_learnt_from_both_users_labels()
    {
        await using var trainer = new TrainerFixture();
        await AliceAndBobAsync(trainer);

        var cards = await trainer.Get<WorkspaceTrainer>().TrainAsync(["alice", "bob"], Ct);

        cards.Select(c => c.UserId).Order().ShouldBe(["alice", "bob"]);
        foreach (var card in cards)
        {
            card.Decision.ShouldBe(TrainingDecision.Promoted, card.Reason);
            card.Version.ShouldBe(1);
            card.Reason.ShouldStartWith("shared model from 2 people's labels");
            card.Metrics!.Recipe!.Settings.ShouldContain("shared with personal offsets");
            card.Metrics.Gate!.Against.ShouldBe("cold start");
        }
        // Only Bob's labels can have taught Alice's model that she likes ear cleaning: alone, she never said so.
        var alice = await ServingAsync(trainer, "alice");
        var shared = alice.Predict(EarCleaningAndPirates);
        shared[0].Score.ShouldBeGreaterThanOrEqualTo(alice.Threshold);
        var alone = (await AloneAsync(trainer, "alice")).Predict(EarCleaningAndPirates);
        // Alone, ear cleaning leads an unknown theme a little (shared characters); with Bob's labels, by more than twice as much.
        (shared[0].Score - shared[1].Score).ShouldBeGreaterThan(2 * (alone[0].Score - alone[1].Score));
    }

    [Fact]
    public async Task A_user_who_does_not_share_teaches_nobody_and_is_trained_alone()
    {
        await using var withCarol = new TrainerFixture();
        await using var withoutCarol = new TrainerFixture();
        foreach (var trainer in new[] { withCarol, withoutCarol })
        {
            await AliceAndBobAsync(trainer);
            await TasteLabels.AddAsync(trainer.Services, "dan", 2000, 40, TasteLabels.LikesSoothing, Ct);
            await trainer.Get<IUserStore>().UpsertAsync(new UserProfile("dan"), Ct);
        }
        // Carol does not share and likes exactly what everyone else does not, ear cleaning included.
        await withCarol.Get<IUserStore>().UpsertAsync(new UserProfile("carol", Shared: false), Ct);
        await TasteLabels.AddAsync(withCarol.Services, "carol", 3000, 64, theme => !TasteLabels.LikesSoothing(theme), Ct);

        var cards = await withCarol.Get<WorkspaceTrainer>().TrainAsync(["alice", "bob", "carol", "dan"], Ct);
        await withoutCarol.Get<WorkspaceTrainer>().TrainAsync(["alice", "bob", "dan"], Ct);

        cards.Select(c => c.UserId).ShouldNotContain("carol");
        foreach (var user in new[] { "alice", "bob", "dan" })
            (await withCarol.Registry.LoadBytesAsync(user, 1, Ct)).ShouldBe(await withoutCarol.Registry.LoadBytesAsync(user, 1, Ct), user);
        var carol = await withCarol.Get<TasteModelTrainer>().TrainAsync("carol", Ct);
        carol.Decision.ShouldBe(TrainingDecision.Promoted, carol.Reason);
        carol.Metrics!.Recipe!.Settings.ShouldNotContain("shared");
        (await withCarol.Registry.LoadBytesAsync("carol", 1, Ct)).ShouldBe((await AloneAsync(withCarol, "carol")).Serialize());
    }

    [Fact]
    public async Task A_user_alone_in_the_workspace_is_left_to_the_per_user_trainer()
    {
        await using var trainer = new TrainerFixture();
        await AliceAndBobAsync(trainer, bobShares: false);

        (await trainer.Get<WorkspaceTrainer>().TrainAsync(["alice", "bob"], Ct)).ShouldBeEmpty();
        (await trainer.Registry.ListAsync("alice", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Learning_from_everyone_switched_off_leaves_everyone_to_the_per_user_trainer()
    {
        await using var trainer = new TrainerFixture(new() { ["Trainer:LearnFromEveryone"] = "false" });
        await AliceAndBobAsync(trainer);

        (await trainer.Get<WorkspaceTrainer>().TrainAsync(["alice", "bob"], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_users_with_new_labels_get_a_new_version_and_a_second_run_registers_nothing()
    {
        await using var trainer = new TrainerFixture();
        await AliceAndBobAsync(trainer);
        var workspace = trainer.Get<WorkspaceTrainer>();
        await workspace.TrainAsync(["alice", "bob"], Ct);
        await TasteLabels.AddAsync(trainer.Services, "alice", 500, 16, TasteLabels.LikesSoothing, Ct, skip: "耳かき");

        var second = await workspace.TrainAsync(["alice", "bob"], Ct);
        var third = await workspace.TrainAsync(["alice", "bob"], Ct);

        second.Single(c => c.UserId == "alice").Version.ShouldBe(2);
        second.Single(c => c.UserId == "bob").Decision.ShouldBe(TrainingDecision.NotTrained);
        second.Single(c => c.UserId == "bob").Reason.ShouldContain("no new labels since v1");
        third.ShouldAllBe(c => c.Decision == TrainingDecision.NotTrained);
        (await trainer.Registry.ListAsync("alice", Ct)).Count.ShouldBe(2);
        (await trainer.Registry.ListAsync("bob", Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_worse_shared_candidate_is_rejected_by_the_gate_and_the_serving_version_keeps_serving()
    {
        await using var trainer = new TrainerFixture();
        foreach (var user in new[] { "alice", "bob" })
            await trainer.Get<IUserStore>().UpsertAsync(new UserProfile(user), Ct);
        // Themes Alice labels sparsely, where Bob's labels help her, and ordered titles she ranks perfectly alone.
        await TasteLabels.AddAsync(trainer.Services, "alice", 0, 32, TasteLabels.LikesSoothing, Ct, skip: "耳かき");
        await TasteModelTrainerTests.OrderedLabelsAsync(trainer, "alice", 100, 40);
        await TasteLabels.AddAsync(trainer.Services, "bob", 1000, 64, TasteLabels.LikesSoothing, Ct);
        (await trainer.Get<WorkspaceTrainer>().TrainAsync(["alice", "bob"], Ct)).ShouldAllBe(c => c.Decision == TrainingDecision.Promoted);
        await TasteModelTrainerTests.OrderedLabelsAsync(trainer, "alice", 140, 40);
        // Single characters cannot tell 甲乙丙丁 from 丁丙乙甲, and a tiny C leaves the weights near zero.
        var worse = trainer.With<WorkspaceTrainer>(new() { ["TasteModels:Ngram:MaxN"] = "1", ["TasteModels:Ngram:C:0"] = "0.0001" });

        var card = (await worse.TrainAsync(["alice"], Ct)).ShouldHaveSingleItem();

        card.Decision.ShouldBe(TrainingDecision.Rejected, card.Reason);
        card.Reason.ShouldStartWith("shared model from 2 people's labels");
        card.Reason.ShouldContain("worse: AP");
        card.Metrics!.Gate!.FreshLabels.ShouldBe(40);
        card.Metrics.Gate.ProbabilityWorse.ShouldBeGreaterThanOrEqualTo(0.9);
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(1);
        (await trainer.Registry.FindAsync("alice", 2, Ct))!.Status.ShouldBe(TasteModelStatus.Rejected);
    }

    [Fact]
    public async Task A_switch_to_the_shared_model_waits_for_fresh_labels_and_meanwhile_the_serving_kind_learns_the_new_ones()
    {
        await using var trainer = new TrainerFixture();
        foreach (var user in new[] { "alice", "bob" })
            await trainer.Get<IUserStore>().UpsertAsync(new UserProfile(user), Ct);
        await TasteLabels.AddAsync(trainer.Services, "alice", 0, 32, TasteLabels.LikesSoothing, Ct, skip: "耳かき");
        (await trainer.Get<WorkspaceTrainer>().TrainAsync(["alice"], Ct)).ShouldBeEmpty();
        (await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct)).Decision.ShouldBe(TrainingDecision.Promoted);
        await TasteLabels.AddAsync(trainer.Services, "bob", 1000, 48, TasteLabels.LikesSoothing, Ct);
        await TasteLabels.AddAsync(trainer.Services, "alice", 500, 4, TasteLabels.LikesSoothing, Ct, skip: "耳かき");

        var card = (await trainer.Get<WorkspaceTrainer>().TrainAsync(["alice"], Ct)).ShouldHaveSingleItem();

        card.Decision.ShouldBe(TrainingDecision.Promoted, card.Reason);
        card.Reason.ShouldStartWith("per-user model");
        card.Reason.ShouldContain("kept the serving kind: too few fresh labels to judge a switch");
        card.Reason.ShouldContain("same recipe as serving v1");
        card.Metrics!.Recipe!.Settings.ShouldNotContain("shared");
        (await trainer.Registry.LoadBytesAsync("alice", 2, Ct)).ShouldBe((await AloneAsync(trainer, "alice")).Serialize());
    }

    [Fact]
    public async Task A_user_who_stops_sharing_gets_her_own_model_at_her_next_retrain_without_waiting_for_fresh_labels()
    {
        await using var trainer = new TrainerFixture();
        await AliceAndBobAsync(trainer);
        (await trainer.Get<WorkspaceTrainer>().TrainAsync(["alice", "bob"], Ct)).ShouldAllBe(c => c.Reason.StartsWith("shared model"));
        await trainer.Get<IUserStore>().UpsertAsync(new UserProfile("alice", Shared: false), Ct);
        await TasteLabels.AddAsync(trainer.Services, "alice", 2000, 6, TasteLabels.LikesSoothing, Ct, skip: "耳かき");

        (await trainer.Get<WorkspaceTrainer>().TrainAsync(["alice"], Ct)).ShouldBeEmpty();
        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        // Six fresh labels cannot judge a new recipe, but the per-user model is every user's baseline: waiting for ten
        // would keep serving her a model learnt from Bob's labels after she stopped sharing. The same rule lets a sharing
        // user whose own labels come to prefer the per-user model return to it (the workspace replay's lock-in).
        card.Decision.ShouldBe(TrainingDecision.Promoted, card.Reason);
        card.Reason.ShouldContain("back to the per-user model, which needs no new evidence; 6 fresh labels");
        card.Metrics!.Recipe!.Settings.ShouldNotContain("shared");
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(2);
        (await trainer.Registry.LoadBytesAsync("alice", 2, Ct)).ShouldBe((await AloneAsync(trainer, "alice")).Serialize());
    }
}
