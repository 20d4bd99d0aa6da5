using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.Testing;

namespace Konomi.Trainer.Tests;

public sealed class TasteModelTrainerTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_model_serves_once_there_are_enough_labels_of_both_kinds()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 24, Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Promoted);
        card.Version.ShouldBe(1);
        card.Examples.ShouldBe(24);
        card.Positives.ShouldBe(12);
        card.Metrics!.F1Pooled.ShouldBeGreaterThan(0.8);
        card.Metrics.AveragePrecision.ShouldBeGreaterThan(0.8);
        card.Metrics.PostEverythingF1.ShouldBe(2.0 * 12 / (24 + 12), 1e-12);
        card.Metrics.Calibration.ShouldNotBeNull();
        card.Metrics.Recipe!.Family.ShouldBe("ngram");
        card.Metrics.Gate!.Against.ShouldBe("cold start");
        var c = card.Confusion!;
        (c.TruePositives + c.FalsePositives + c.TrueNegatives + c.FalseNegatives).ShouldBe(24);
        card.TopFeatures.ShouldNotBeEmpty();
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_stacked_model_card_says_Japanese_works_were_learnt_from_ngrams_alone_and_why()
    {
        await using var trainer = new TrainerFixture(new() { ["TasteModels:Family"] = "stacked" });
        await trainer.LabelAsync("alice", 0, 24, Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Promoted);
        card.Family.ShouldBe("stacked");
        card.Composition.ShouldNotBeNull();
        card.Composition.ShouldStartWith("n-grams alone: the sentence encoder reads ");
        card.Composition.ShouldContain("TasteModels:Embedding:MaxUnknownTokenShare");
        card.TopFeatures.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Too_few_labels_train_nothing()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 19, Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.NotTrained);
        card.Reason.ShouldContain("20 needed");
        (await trainer.Registry.ListAsync("alice", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Labels_that_all_say_the_same_train_nothing()
    {
        await using var trainer = new TrainerFixture();
        for (var i = 0; i < 24; i++)
            await trainer.LabelAsync("alice", i * 2, 1, Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.NotTrained);
        card.Reason.ShouldContain("all 24 labels say the same");
    }

    [Fact]
    public async Task Labels_of_works_never_stored_are_skipped_and_counted()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 24, Ct);
        await trainer.Get<ILabelStore>().RecordAsync(new Click("c-x", "alice", "RJ99999999", true, DateTimeOffset.UtcNow, "import"), Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Examples.ShouldBe(24);
        card.MissingWorks.ShouldBe(1);
    }

    [Fact]
    public async Task More_labels_promote_a_new_version_saying_where_the_gate_would_reject_and_retire_the_old()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 24, Ct);
        await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);
        await trainer.LabelAsync("alice", 24, 16, Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Promoted);
        card.Version.ShouldBe(2);
        // The Model page shows the reason beside "Serving": "(rejected from P(worse) 0.90)" read as a contradiction.
        card.Reason.ShouldStartWith("not clearly worse (the gate rejects at P(worse) ≥ 0.90): AP ");
        card.Metrics!.Gate!.FreshLabels.ShouldBe(16);
        var versions = await trainer.Registry.ListAsync("alice", Ct);
        versions.Single(v => v.Version == 2).Status.ShouldBe(TasteModelStatus.Serving);
        versions.Single(v => v.Version == 1).Status.ShouldBe(TasteModelStatus.Retired);
    }

    [Fact]
    public async Task A_same_family_candidate_with_a_worse_recipe_is_rejected_and_the_serving_version_keeps_serving()
    {
        await using var trainer = new TrainerFixture();
        await OrderedLabelsAsync(trainer, "alice", 0, 40);
        (await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct)).Decision.ShouldBe(TrainingDecision.Promoted);
        await OrderedLabelsAsync(trainer, "alice", 40, 40);
        // Single characters cannot tell 甲乙丙丁 from 丁丙乙甲, and a tiny C leaves the weights near zero.
        var worse = trainer.TrainerWith(new() { ["TasteModels:Ngram:MaxN"] = "1", ["TasteModels:Ngram:C:0"] = "0.0001" });

        var card = await worse.TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Rejected, card.Reason);
        card.Version.ShouldBe(2);
        card.Reason.ShouldContain("worse: AP");
        card.Metrics!.Gate!.FreshLabels.ShouldBe(40);
        card.Metrics.Gate.ProbabilityWorse.ShouldBeGreaterThanOrEqualTo(0.9);
        card.Metrics.Gate.IncumbentAveragePrecision.ShouldBeGreaterThan(card.Metrics.Gate.CandidateAveragePrecision);
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(1);
        var rejected = (await trainer.Registry.FindAsync("alice", 2, Ct))!;
        rejected.Status.ShouldBe(TasteModelStatus.Rejected);
        rejected.StatusReason.ShouldBe(card.Reason);
        rejected.Metrics.Recipe!.Fingerprint.ShouldNotBe((await trainer.Registry.FindAsync("alice", 1, Ct))!.Metrics.Recipe!.Fingerprint);
    }

    [Fact]
    public async Task The_same_recipe_with_more_good_labels_is_promoted_on_fresh_evidence()
    {
        await using var trainer = new TrainerFixture();
        await OrderedLabelsAsync(trainer, "alice", 0, 40);
        await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);
        await OrderedLabelsAsync(trainer, "alice", 40, 40);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Promoted, card.Reason);
        card.Metrics!.Gate!.ProbabilityWorse.ShouldBeLessThan(0.9);
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task A_model_trained_on_older_labels_that_finishes_after_a_newer_one_is_rejected_and_the_newer_keeps_serving()
    {
        await using var trainer = new TrainerFixture();

        // The second trainer has trained on 40 labels and pauses before asking what serves.
        var (newer, older) = await TrainTwiceAtOnceAsync(trainer, nameof(ITasteModelRegistry.FindServingAsync));

        (newer.Decision, newer.Version, newer.Examples).ShouldBe((TrainingDecision.Promoted, (int?)2, 56), newer.Reason);
        (older.Decision, older.Version, older.Examples).ShouldBe((TrainingDecision.Rejected, (int?)3, 40), older.Reason);
        older.Reason.ShouldContain("serving v2 was trained on newer labels");
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task A_model_judged_against_a_version_that_stopped_serving_meanwhile_is_rejected()
    {
        await using var trainer = new TrainerFixture();

        // The second trainer pauses while its gate loads v1 to judge against.
        var (newer, older) = await TrainTwiceAtOnceAsync(trainer, nameof(ITasteModelRegistry.LoadBytesAsync));

        (newer.Decision, newer.Version).ShouldBe((TrainingDecision.Promoted, (int?)2), newer.Reason);
        (older.Decision, older.Version).ShouldBe((TrainingDecision.Rejected, (int?)3), older.Reason);
        older.Reason.ShouldContain("v2 began serving while it was judged against v1");
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(2);
    }

    /// <summary>
    /// v1 on 24 labels; then a second trainer over the same store (konomi train beside the trainer service) trains on 40
    /// and pauses at its first <paramref name="heldCall"/> to the registry, while 16 more labels come and the first trainer
    /// finishes on all 56; then the second goes on.
    /// </summary>
    static async Task<(ModelCard Newer, ModelCard Older)> TrainTwiceAtOnceAsync(TrainerFixture trainer, string heldCall)
    {
        await trainer.LabelAsync("alice", 0, 24, Ct);
        await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);
        await trainer.LabelAsync("alice", 24, 16, Ct);
        var release = new TaskCompletionSource();
        HeldRegistry? held = null;
        var slow = trainer.TrainerSeeing(r => held = new HeldRegistry(r, heldCall, release.Task));
        var slowTraining = slow.TrainAsync("alice", Ct);
        await held!.Reached.Task.WaitAsync(Ct);

        await trainer.LabelAsync("alice", 40, 16, Ct);
        var newer = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);
        release.SetResult();
        return (newer, await slowTraining);
    }

    [Fact]
    public async Task Training_with_no_new_labels_registers_nothing()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 24, Ct);
        await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.NotTrained);
        card.Reason.ShouldContain("no new labels since v1");
        (await trainer.Registry.ListAsync("alice", Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_new_recipe_without_fresh_labels_is_kept_out_with_the_reason()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 40, Ct);
        (await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct)).Decision.ShouldBe(TrainingDecision.Promoted);
        var other = trainer.TrainerWith(new() { ["TasteModels:Family"] = ShuffledLabelsFamily.Name });

        var card = await other.TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Rejected);
        card.Reason.ShouldContain("a new recipe needs evidence; 0 fresh labels");
        (await trainer.Registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_first_model_worse_than_the_cold_start_scorer_is_rejected()
    {
        await using var trainer = new TrainerFixture();
        // The user's preferences already rank every label right; a model trained on shuffled labels cannot.
        await trainer.Get<IUserStore>().UpsertAsync(new UserProfile("alice", Preferences: new Preferences { LikedCircles = ["ひだまり工房"] }), Ct);
        await trainer.LabelAsync("alice", 0, 40, Ct);
        var shuffled = trainer.TrainerWith(new() { ["TasteModels:Family"] = ShuffledLabelsFamily.Name });

        var card = await shuffled.TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Rejected, card.Reason);
        card.Reason.ShouldContain("vs cold start 1.000");
        (await trainer.Registry.FindServingAsync("alice", Ct)).ShouldBeNull();
    }

    // Inference loads the saved bytes, not the model the gate judged: bytes that do not load back would have the user
    // scored cold start, with nothing but a metric saying why. Before, such a model was promoted.
    [Fact]
    public async Task A_model_whose_saved_bytes_do_not_load_back_is_rejected_saying_so_and_nothing_new_serves()
    {
        await using var trainer = new TrainerFixture();
        await trainer.LabelAsync("alice", 0, 24, Ct);
        var cutShort = trainer.TrainerWith(new() { ["TasteModels:Family"] = CutShortFamily.Name });

        var card = await cutShort.TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Rejected, card.Reason);
        card.Reason.ShouldStartWith("its saved bytes do not load back (");
        (await trainer.Registry.FindServingAsync("alice", Ct)).ShouldBeNull();
        (await trainer.Registry.ListAsync("alice", Ct)).ShouldHaveSingleItem().Status.ShouldBe(TasteModelStatus.Rejected);
    }

    [Fact]
    public async Task A_serving_model_whose_bytes_no_longer_load_is_replaced_by_the_next_training_judged_against_cold_start()
    {
        await using var trainer = new TrainerFixture();
        // Bytes the store damaged after the model was promoted: inference has scored alice cold start since.
        var damaged = await trainer.Registry.RegisterAsync(new TasteModelDraft("alice", "ngram", new ModelMetrics(20, 10, 5, 1, 1, 1, 1, 1, 1, 0.5), [0x7b, 0x22, 0x00, 0xff]), Ct);
        await trainer.Registry.PromoteAsync("alice", damaged.Version, "served before its bytes were damaged", Ct);
        await trainer.LabelAsync("alice", 0, 24, Ct);

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("alice", Ct);

        card.Decision.ShouldBe(TrainingDecision.Promoted, card.Reason);
        card.Reason.ShouldContain($"serving v{damaged.Version} cannot be used (");
        var serving = (await trainer.Registry.FindServingAsync("alice", Ct)).ShouldNotBeNull();
        serving.Version.ShouldBe(card.Version!.Value);
        trainer.Get<TasteModelFamilies>().Load(serving.Family, await trainer.Registry.LoadBytesAsync("alice", serving.Version, Ct)).ShouldNotBeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_user_with_one_or_two_liked_among_25_labels_is_reported_not_thrown(int liked)
    {
        await using var trainer = new TrainerFixture();
        var works = trainer.Get<IWorkStore>();
        var labels = trainer.Get<ILabelStore>();
        foreach (var work in SampleWorks.Range(0, 50).Where(w => !SampleWorks.IsSoothing(w)).Take(25 - liked)
                     .Concat(SampleWorks.Range(0, 50).Where(SampleWorks.IsSoothing).Take(liked)))
        {
            await works.AddAsync(work, Guid.NewGuid(), Ct);
            await labels.RecordAsync(new Click($"c-{work.Id}", "bob", work.Id, SampleWorks.IsSoothing(work), DateTimeOffset.UtcNow, "test"), Ct);
        }

        var card = await trainer.Get<TasteModelTrainer>().TrainAsync("bob", Ct);

        if (liked == 1)
        {
            card.Decision.ShouldBe(TrainingDecision.NotTrained);
            card.Reason.ShouldContain("at least 2 of each");
        }
        else
        {
            card.Decision.ShouldBe(TrainingDecision.Promoted, card.Reason);
            card.Metrics!.Folds.ShouldBe(2);
        }
    }

    /// <summary>
    /// Works whose taste lives in character order only: liked titles hold 甲乙丙丁, the others 丁丙乙甲, with one
    /// circle and no genres, so only n-grams longer than one character can tell them apart.
    /// </summary>
    internal static async Task OrderedLabelsAsync(TrainerFixture trainer, string userId, int first, int count)
    {
        var works = trainer.Get<IWorkStore>();
        var labels = trainer.Get<ILabelStore>();
        for (var n = first; n < first + count; n++)
        {
            var liked = n % 2 == 0;
            var work = new Work
            {
                Id = $"RJ{n + 1:D8}",
                Title = liked ? "甲乙丙丁の話" : "丁丙乙甲の話",
                Circle = "同じ工房",
                Url = $"https://www.dlsite.com/maniax/work/=/product_id/RJ{n + 1:D8}.html",
            };
            await works.AddAsync(work, Guid.NewGuid(), Ct);
            await labels.RecordAsync(new Click($"c-{work.Id}", userId, work.Id, liked, DateTimeOffset.UtcNow, "test"), Ct);
        }
    }
}
