using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Konomi.TasteModels.Tests.Ngram;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

public class NgramFamilyTests
{
    private static readonly NgramFamily Family = new(Options.Create(new NgramOptions()));

    /// <summary>Liked: ear cleaning (耳かき) or voice actor 声優A; the rest is shared vocabulary.</summary>
    internal static IReadOnlyList<Example> ToyExamples()
    {
        string[] filler = ["癒しの時間", "夜のお話", "放課後の約束", "雨の日の部屋", "秘密の図書館", "夏祭りの夜", "星空の下で", "朝のカフェ"];
        var examples = new List<Example>();
        for (var i = 0; i < 48; i++)
        {
            var ear = i % 4 == 0;
            var actor = i % 6 == 1 ? "声優A" : $"声優{(char)('C' + i % 5)}";
            var title = ear ? $"耳かき{filler[i % filler.Length]}" : $"{filler[i % filler.Length]}{i}";
            examples.Add(new Example(
                new TasteInput($"{title}\nサークル{i % 3}\n{actor}", [new Facet(FacetFields.VoiceActor, actor), new Facet(FacetFields.Genre, i % 2 == 0 ? "癒し" : "日常")]),
                ear || actor == "声優A"));
        }
        return examples;
    }

    [Fact]
    public void Inner_folds_fit_the_vocabulary_without_their_held_out_rows()
    {
        // Pairs of works share a code no other work has, and a pair's label is a coin flip: nothing generalises.
        // A vocabulary fitted on all rows keeps each code (seen twice), so an inner model learns it from one
        // member and "predicts" the held-out other: out-of-fold scores look perfect and C and the threshold
        // are chosen for that illusion. Fitted per inner fold, the code is seen once and dropped. The 120 works are
        // not below EveryFeatureBelow = 100, so their inner folds (80 works) keep only features seen twice as well.
        var examples = PairsOfWorksSharingACode();

        var (_, head) = FamilyWith(everyFeatureBelow: 100).TrainHead(examples, TestContext.Current.CancellationToken);

        RocAuc(head.OutOfFold!, examples.Select(e => e.Liked).ToArray()).ShouldBeLessThan(0.75);
    }

    [Fact]
    public void A_training_set_below_EveryFeatureBelow_keeps_features_seen_in_one_work_in_its_inner_folds_too()
    {
        // A pair the inner folds split has its code once among the training rows: kept only when single features
        // count, and then it predicts the held-out twin.
        var examples = PairsOfWorksSharingACode();
        var liked = examples.Select(e => e.Liked).ToArray();

        var (_, small) = FamilyWith(everyFeatureBelow: 1000).TrainHead(examples, TestContext.Current.CancellationToken);
        var (_, large) = FamilyWith(everyFeatureBelow: 0).TrainHead(examples, TestContext.Current.CancellationToken);

        RocAuc(small.OutOfFold!, liked).ShouldBeGreaterThan(0.9);
        RocAuc(large.OutOfFold!, liked).ShouldBeLessThan(0.75);
    }

    [Fact]
    public void The_served_model_of_a_small_training_set_keeps_a_feature_seen_in_one_work()
    {
        var examples = ToyExamples().Append(new Example(TasteInput.FromText("鬱金香"), true)).ToArray();
        var options = new NgramOptions();
        var others = HashedInput.HashAll([.. examples[..^1].Select(e => e.Input)], options).SelectMany(h => h.Text).ToHashSet();
        var onlyInTheLast = HashedInput.HashAll([examples[^1].Input], options)[0].Text.Where(k => !others.Contains(k)).ToArray();

        var (small, _) = FamilyWith(everyFeatureBelow: 1000).TrainHead(examples, TestContext.Current.CancellationToken);
        var (large, _) = FamilyWith(everyFeatureBelow: 0).TrainHead(examples, TestContext.Current.CancellationToken);

        onlyInTheLast.ShouldNotBeEmpty();
        small.Keys.ShouldContain(onlyInTheLast[0]);
        large.Keys.ShouldNotContain(onlyInTheLast[0]);
    }

    [Fact]
    public void A_training_set_below_NaiveBayesVoteFrom_is_served_by_the_regression_alone()
    {
        var examples = ToyExamples();
        NgramFamily FamilyVotingFrom(int works) => new(Options.Create(new NgramOptions { NaiveBayesVoteFrom = works }));

        var (_, small) = FamilyVotingFrom(examples.Count + 1).TrainHead(examples, TestContext.Current.CancellationToken);
        var (_, large) = FamilyVotingFrom(examples.Count).TrainHead(examples, TestContext.Current.CancellationToken);

        small.Model.PresenceWeights.ShouldBeNull();
        large.Model.PresenceWeights.ShouldNotBeNull();
    }

    /// <summary>Pairs of works share a code no other work has, and a pair's label is a coin flip.</summary>
    private static List<Example> PairsOfWorksSharingACode()
    {
        var random = new Random(7);
        var examples = new List<Example>();
        for (var pair = 0; pair < 60; pair++)
        {
            // Four kanji drawn from ~21,000: no other work shares even one of them.
            var code = new string(Enumerable.Range(0, 4).Select(_ => (char)(0x4E00 + random.Next(0x5200))).ToArray());
            var liked = random.Next(2) == 0;
            examples.Add(new Example(TasteInput.FromText($"{code} 第一話"), liked));
            examples.Add(new Example(TasteInput.FromText($"{code} 第二話"), liked));
        }
        return examples;
    }

    private static NgramFamily FamilyWith(int everyFeatureBelow) => new(Options.Create(new NgramOptions { EveryFeatureBelow = everyFeatureBelow }));

    private static double RocAuc(double[] scores, bool[] liked)
    {
        double pairs = 0, wins = 0;
        for (var i = 0; i < scores.Length; i++)
            for (var j = 0; j < scores.Length; j++)
                if (liked[i] && !liked[j]) { pairs++; wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0; }
        return wins / pairs;
    }

    [Fact]
    public void Learns_a_separable_task_and_names_the_title_term_and_the_voice_actor()
    {
        var model = Family.Train(ToyExamples(), TestContext.Current.CancellationToken);

        var ear = model.Predict([new TasteInput("耳かきと新しい朝\nサークル9\n声優Z", [new Facet(FacetFields.VoiceActor, "声優Z")])])[0];
        var actor = model.Predict([new TasteInput("新しい朝\nサークル9\n声優A", [new Facet(FacetFields.VoiceActor, "声優A")])])[0];
        var neither = model.Predict([new TasteInput("新しい朝\nサークル9\n声優Z", [new Facet(FacetFields.VoiceActor, "声優Z")])])[0];

        ear.Score.ShouldBeGreaterThanOrEqualTo(model.Threshold);
        actor.Score.ShouldBeGreaterThanOrEqualTo(model.Threshold);
        neither.Score.ShouldBeLessThan(model.Threshold);
        ear.Reasons[0].Text.ShouldBe("title: 耳かき");
        ear.Reasons[0].Weight.ShouldBeGreaterThan(0);
        actor.Reasons.ShouldContain(r => r.Text == "voice actor: 声優A" && r.Weight > 0);
    }

    [Fact]
    public void A_saved_model_scores_and_explains_exactly_as_before()
    {
        var model = Family.Train(ToyExamples(), TestContext.Current.CancellationToken);
        var inputs = ToyExamples().Select(e => e.Input).Append(TasteInput.FromText("まったく別の文章 unseen words")).ToArray();

        var loaded = Family.Deserialize(model.Serialize());

        loaded.Threshold.ShouldBe(model.Threshold);
        loaded.Family.ShouldBe("ngram");
        loaded.Predict(inputs).ShouldBe(model.Predict(inputs), new PredictionComparer());
    }

    [Fact]
    public void A_loaded_model_holds_each_distinct_idf_and_vote_once_not_once_per_key()
    {
        // 120 works of 30 random kanji: ~13,000 n-grams, nearly all seen in one work, so they share a few (idf, vote) pairs.
        var random = new Random(11);
        var examples = Enumerable.Range(0, 120).Select(i => new Example(
            TasteInput.FromText(new string([.. Enumerable.Range(0, 30).Select(_ => (char)(0x4E00 + random.Next(0x5200)))])), i % 3 == 0)).ToArray();
        var family = new NgramFamily(Options.Create(new NgramOptions { NaiveBayesVoteFrom = 1 }));
        var bytes = family.Train(examples, TestContext.Current.CancellationToken).Serialize();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var loaded = (NgramModel)family.Deserialize(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var keys = loaded.Vectorizer.Keys.Length;
        keys.ShouldBeGreaterThan(10_000);
        loaded.Votes().ShouldNotBeNull();
        loaded.Vectorizer.Scales.Pairs.ShouldBeLessThan(keys / 100);
        // A key (4 bytes), its weight (4), its pair's index (2) and its share of the key index (2-4); two more floats a key before.
        ((double)allocated / keys).ShouldBeLessThan(15);
    }

    [Fact]
    public void Training_twice_on_the_same_examples_gives_the_same_bytes()
    {
        var first = Family.Train(ToyExamples(), TestContext.Current.CancellationToken).Serialize();
        var second = Family.Train(ToyExamples(), TestContext.Current.CancellationToken).Serialize();

        second.ShouldBe(first);
    }

    [Fact]
    public void Bytes_that_are_not_an_ngram_model_are_refused_with_the_reason()
    {
        var bytes = Family.Train(ToyExamples(), TestContext.Current.CancellationToken).Serialize();
        var future = bytes.ToArray();
        future[4] = 99;

        Should.Throw<InvalidDataException>(() => Family.Deserialize("junk"u8.ToArray())).Message.ShouldContain("KNGR");
        Should.Throw<InvalidDataException>(() => Family.Deserialize(future)).Message.ShouldContain("version 99");
        Should.Throw<InvalidDataException>(() => Family.Deserialize(bytes[..(bytes.Length / 2)])).Message.ShouldContain("truncated");
    }

    [Fact]
    public void Training_without_both_classes_is_refused()
    {
        var allLiked = ToyExamples().Select(e => e with { Liked = true }).ToArray();

        Should.Throw<ArgumentException>(() => Family.Train(allLiked, TestContext.Current.CancellationToken)).Message.ShouldContain("both liked and not-liked");
    }

    private sealed class PredictionComparer : IEqualityComparer<Prediction>
    {
        public bool Equals(Prediction? x, Prediction? y) => x!.Score == y!.Score && x.Reasons.SequenceEqual(y.Reasons);

        public int GetHashCode(Prediction obj) => obj.Score.GetHashCode();
    }
}
