using Konomi.TasteModels.Embedding;
using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Ngram;
using Konomi.TasteModels.Stacked;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests.Stacked;

public class StackedFamilyTests
{
    // Pets are liked, money is not. The held-out sentences name other animals and other money matters than the
    // training ones, so their character n-grams say little; what they mean (what MiniLM encodes) says it all.
    private static readonly string[] PetsSeen =
    [
        "My cat sleeps on the sofa all day.", "Kittens love to chase a ball of yarn.", "The dog wagged its tail at the door.",
        "Our puppy chewed the new slippers.", "A tabby purred in my lap.", "We walked the spaniel by the river.",
        "The kitten climbed the curtains again.", "He taught his terrier to fetch sticks.", "The old tomcat hunts mice in the barn.",
        "She brushed the fluffy Persian every evening.", "The beagle howled when we left.", "A stray kitty meowed for milk.",
    ];

    private static readonly string[] MoneySeen =
    [
        "The central bank raised interest rates.", "Stock markets fell after the earnings report.", "Bond yields climbed to a ten-year high.",
        "The company issued new shares to investors.", "Quarterly revenue missed analyst forecasts.", "The currency weakened against the dollar.",
        "Traders sold equities ahead of the rate decision.", "The fund manager rebalanced the portfolio.", "Corporate profits shrank this quarter.",
        "The exchange halted trading after the crash.", "Investors fled to treasury notes.", "Brokers expect more volatility on Wall Street.",
    ];

    private static readonly string[] PetsUnseen =
    [
        "A hamster ran in its wheel all night.", "Our parrot learned to whistle a tune.", "The goldfish swims round its bowl.",
        "Rabbits nibble carrots in the hutch.", "A ferret hid in the laundry basket.", "The pony trotted around the paddock.",
    ];

    private static readonly string[] MoneyUnseen =
    [
        "Mortgage payments rose for homeowners.", "The firm cut its dividend payout.", "Pension savings lost value last year.",
        "Inflation eroded household budgets.", "The government borrowed to cover its deficit.", "Loan defaults increased among borrowers.",
    ];

    private static Example[] Labelled(string[] liked, string[] notLiked) =>
        [.. liked.Select(t => new Example(TasteInput.FromText(t), true)), .. notLiked.Select(t => new Example(TasteInput.FromText(t), false))];

    internal static StackedFamily Family(StackedOptions? options = null, EmbeddingFamily? encoder = null) =>
        new(Options.Create(options ?? new StackedOptions()), Options.Create(new NgramOptions()), Options.Create(new EmbeddingOptions()),
            encoder ?? MiniLm.Family, NullLogger<StackedFamily>.Instance);

    private static double AveragePrecision(ITasteModel model, Example[] test) =>
        Ranking.AveragePrecision([.. model.Predict([.. test.Select(e => e.Input)]).Select(p => p.Score)], [.. test.Select(e => e.Liked)]);

    [Fact]
    public void The_embedding_block_carries_meaning_the_ngrams_cannot_see()
    {
        var train = Labelled(PetsSeen, MoneySeen);
        var test = Labelled(PetsUnseen, MoneyUnseen);
        var ct = TestContext.Current.CancellationToken;

        var stacked = Family().Train(train, ct);
        var ngram = new NgramFamily(Options.Create(new NgramOptions())).Train(train, ct);

        var stackedAp = AveragePrecision(stacked, test);
        var ngramAp = AveragePrecision(ngram, test);
        TestContext.Current.TestOutputHelper?.WriteLine($"held-out AP: stacked {stackedAp:0.000}, ngram {ngramAp:0.000}; {stacked.Composition}");
        ((StackedModel)stacked).Dense.ShouldNotBeNull();
        stackedAp.ShouldBeGreaterThan(ngramAp + 0.1);
        stackedAp.ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void Reasons_are_the_ngram_reasons_and_the_nearest_liked_work()
    {
        var model = Family().Train(Labelled(PetsSeen, MoneySeen), TestContext.Current.CancellationToken);

        var reasons = model.Predict([TasteInput.FromText("The kitten purred on the sofa.")])[0].Reasons;

        reasons.ShouldContain(r => r.Source == "model");
        reasons[^1].Text.ShouldStartWith("similar to: ");
        PetsSeen.ShouldContain(reasons[^1].Text["similar to: ".Length..]);
    }

    [Fact]
    public void Japanese_text_through_MiniLM_trains_the_ngram_model_and_says_why()
    {
        var examples = JapaneseTitles();
        var ct = TestContext.Current.CancellationToken;

        var stacked = (StackedModel)Family().Train(examples, ct);
        var ngram = new NgramFamily(Options.Create(new NgramOptions())).Train(examples, ct);

        stacked.Family.ShouldBe(StackedFamily.Name);
        stacked.Dense.ShouldBeNull();
        stacked.Composition.ShouldStartWith("n-grams alone: the sentence encoder reads ");
        stacked.Composition.ShouldContain("as unknown tokens");
        stacked.Composition.ShouldContain("TasteModels:Embedding:MaxUnknownTokenShare");
        var inputs = examples.Select(e => e.Input).ToArray();
        stacked.Predict(inputs).Select(p => p.Score).ShouldBe(ngram.Predict(inputs).Select(p => p.Score));
        stacked.Threshold.ShouldBe(ngram.Threshold);
        TestContext.Current.TestOutputHelper?.WriteLine(stacked.Composition);
    }

    [Fact]
    public void A_saved_model_scores_identically_after_loading()
    {
        var family = Family();
        var ct = TestContext.Current.CancellationToken;
        var inputs = Labelled(PetsUnseen, MoneyUnseen).Select(e => e.Input).Append(TasteInput.FromText("耳かきボイス")).ToArray();

        foreach (var model in new[] { family.Train(Labelled(PetsSeen, MoneySeen), ct), family.Train(JapaneseTitles(), ct) })
        {
            var loaded = family.Deserialize(model.Serialize());

            loaded.Family.ShouldBe(StackedFamily.Name);
            loaded.Threshold.ShouldBe(model.Threshold);
            loaded.Composition.ShouldBe(model.Composition);
            loaded.Predict(inputs).ShouldBe(model.Predict(inputs), new PredictionComparer());
            loaded.Serialize().ShouldBe(model.Serialize());
        }
    }

    [Fact]
    public void A_model_whose_embedding_block_came_from_another_encoder_is_refused()
    {
        var model = (StackedModel)Family().Train(Labelled(PetsSeen, MoneySeen), TestContext.Current.CancellationToken);
        model.Dense.ShouldNotBeNull();

        var error = Should.Throw<InvalidDataException>(() => StackedModelFormat.Read(model.Serialize(), MiniLm.Family, () => "another-encoder"));

        error.Message.ShouldContain(MiniLm.Family.ModelId);
        error.Message.ShouldContain("another-encoder");
        error.Message.ShouldContain("Retrain");
    }

    [Fact]
    public void Another_format_version_is_refused()
    {
        var bytes = Family().Train(JapaneseTitles(), TestContext.Current.CancellationToken).Serialize();
        bytes[4] = 99;

        Should.Throw<InvalidDataException>(() => Family().Deserialize(bytes)).Message.ShouldContain("version 99");
    }

    /// <summary>Japanese titles in the store's style: the ear-cleaning and sleep works are liked.</summary>
    private static Example[] JapaneseTitles() => Labelled(
    [
        "【耳かき・添い寝】ダウナー系幼馴染の甘やかしボイス【バイノーラル】", "ぜんぶ忘れて眠れる夜。ささやき睡眠導入", "癒やしの狐巫女さんと耳かき温泉旅館",
        "【睡眠導入】おやすみ前の耳かきと囁き", "耳かき屋さんのゆったり添い寝コース", "眠れない夜に、となりで囁くお姉さん",
    ],
    [
        "ツンデレ生徒会長のひみつの放課後", "ゲームセンターで出会ったギャルの後輩とデート", "異世界勇者パーティの冒険ドラマ",
        "ドジっ子メイドの大騒ぎ学園コメディ", "宇宙戦艦の艦長になって銀河を救え", "熱血バトル！格闘部の全国大会",
    ]);

    private sealed class PredictionComparer : IEqualityComparer<Prediction>
    {
        public bool Equals(Prediction? x, Prediction? y) => x!.Score == y!.Score && x.Reasons.SequenceEqual(y.Reasons);

        public int GetHashCode(Prediction obj) => obj.Score.GetHashCode();
    }
}
