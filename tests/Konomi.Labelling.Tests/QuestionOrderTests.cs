using Konomi.Contracts;
using Konomi.TasteModels;
using Konomi.Testing;
using Microsoft.Extensions.Options;

namespace Konomi.Labelling.Tests;

public class QuestionOrderTests
{
    [Fact]
    public void The_model_asks_first_about_the_works_it_is_least_sure_of()
    {
        var model = SampleModel.Train(Enumerable.Range(0, 20), TestContext.Current.CancellationToken);
        var clear = SampleWorks.Range(20, 6);
        // Soothing circle and words, horror voice actor and genre: the model cannot be sure.
        var mixed = SampleWorks.Create(40) with { Id = "RJ99999999", VoiceActors = ["黒崎玲"], Genres = ["ホラー", "ASMR"], Title = "耳かきと絶叫の夜" };
        var order = Order(diversity: 0);

        var asked = order.Order(model, [.. clear, mixed]);

        asked[0].ShouldBe(mixed);
    }

    [Fact]
    public void Diversity_moves_a_near_copy_of_an_asked_work_behind_a_different_one()
    {
        string[] texts = ["耳かきと囁きの夜", "耳かきと囁きの夜 第2話", "絶叫と怪談の館"];
        var vectors = texts.Select(BigramVector.Of).ToList();
        double[] scores = [0.50, 0.52, 0.53];

        UncertaintySampling.Rank(scores, 0.5, vectors, diversity: 0, batch: 3).ShouldBe([0, 1, 2]);
        UncertaintySampling.Rank(scores, 0.5, vectors, diversity: 0.5, batch: 3).ShouldBe([0, 2, 1]);
    }

    [Fact]
    public void A_model_that_posts_everything_is_asked_about_its_own_boundary_not_its_lowest_scores()
    {
        UncertaintySampling.Boundary(0).ShouldBe(0.5);
        UncertaintySampling.Boundary(0.37).ShouldBe(0.37);
        double[] scores = [0.02, 0.48, 0.99];
        var vectors = scores.Select(_ => BigramVector.Of("同じ")).ToList();

        UncertaintySampling.Rank(scores, 0, vectors, diversity: 0, batch: 3).ShouldBe([1, 0, 2]);
    }

    [Fact]
    public void With_too_few_labels_or_one_answer_only_there_is_no_model_and_pool_order_stays()
    {
        var order = Order(diversity: 0.3);
        var ct = TestContext.Current.CancellationToken;

        order.Train([.. SampleWorks.Range(0, 9).Select(w => (w, SampleWorks.IsSoothing(w)))], ct).ShouldBeNull();
        order.Train([.. SampleWorks.Range(0, 12).Select(w => (w, true))], ct).ShouldBeNull();
        order.Train([.. SampleWorks.Range(0, 10).Select(w => (w, SampleWorks.IsSoothing(w)))], ct).ShouldNotBeNull();
    }

    [Fact]
    public void By_default_the_annotator_keeps_pool_order_however_many_labels_there_are()
    {
        var order = new QuestionOrder(new TasteModelFamilies([SampleModel.Ngram], Options.Create(new TasteModelOptions())), SampleModel.Inputs, Options.Create(new LabellingOptions()));

        order.Train([.. SampleWorks.Range(0, 40).Select(w => (w, SampleWorks.IsSoothing(w)))], TestContext.Current.CancellationToken).ShouldBeNull();
    }

    static QuestionOrder Order(double diversity) => new(
        new TasteModelFamilies([SampleModel.Ngram], Options.Create(new TasteModelOptions())),
        SampleModel.Inputs,
        Options.Create(new LabellingOptions { Diversity = diversity, ActiveLearning = true }));
}
