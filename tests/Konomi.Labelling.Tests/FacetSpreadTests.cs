using Konomi.Contracts;
using Konomi.TasteModels;
using Konomi.Testing;
using Microsoft.Extensions.Options;

namespace Konomi.Labelling.Tests;

public class FacetSpreadTests
{
    // Newest first, as `konomi label` lists them: one circle's 15-part series on top, then 25 works of five other circles.
    static readonly IReadOnlyList<Work> Pool =
    [
        .. Enumerable.Range(0, 15).Select(i => SampleWorks.Create(2 * i) with { Title = $"癒しの夜 第{i}話" }),
        .. Enumerable.Range(0, 25).Select(i => SampleWorks.Create(100 + i) with
        {
            Circle = $"サークル{i % 5}",
            VoiceActors = [$"声優{i % 7}"],
            Genres = [$"ジャンル{i % 6}", i % 2 == 0 ? "ASMR" : "バイノーラル"],
        }),
    ];

    [Fact]
    public void The_first_screen_covers_more_circles_and_genres_than_newest_first()
    {
        var firstScreen = Order(firstScreen: 10).Spread([], Pool).Take(10).ToList();
        var newest = Pool.Take(10).ToList();

        Distinct(firstScreen, w => [w.Circle]).ShouldBe(6, "every circle of the pool");
        Distinct(newest, w => [w.Circle]).ShouldBe(1);
        Distinct(firstScreen, w => w.Genres).ShouldBeGreaterThan(Distinct(newest, w => w.Genres));
        Distinct(firstScreen, w => w.Genres).ShouldBe(9, "every genre of the pool");
    }

    [Fact]
    public void After_the_first_screen_the_pool_order_goes_on()
    {
        var asked = Order(firstScreen: 10).Spread([], Pool);

        asked.Count.ShouldBe(Pool.Count);
        asked.Skip(10).ShouldBe(Pool.Except(asked.Take(10)), "the rest newest first");
    }

    [Fact]
    public void A_resumed_session_spreads_around_the_works_already_labelled_and_stops_at_the_screen_size()
    {
        var labelled = Pool.Skip(15).Take(8).Select(w => (w, true)).ToList();

        var asked = Order(firstScreen: 10).Spread(labelled, Pool.Except(labelled.Select(l => l.w)).ToList());

        // Two questions left of ten: the one circle no label has met comes first.
        asked[0].Circle.ShouldBe(Pool[0].Circle);
        asked.Skip(2).Take(5).ShouldBe(Pool.Take(15).Except(asked.Take(2)).Take(5), "then pool order");
        Order(firstScreen: 8).Spread(labelled, Pool).ShouldBe(Pool, "the screen is done");
    }

    [Fact]
    public void Without_a_first_screen_the_pool_order_stays()
    {
        Order(firstScreen: 0).Spread([], Pool).ShouldBe(Pool);
    }

    [Fact]
    public void Active_learning_waits_for_the_whole_first_screen()
    {
        var order = new QuestionOrder(new TasteModelFamilies([SampleModel.Ngram], Options.Create(new TasteModelOptions())), SampleModel.Inputs,
            Options.Create(new LabellingOptions { FirstScreen = 20, ActiveLearning = true }));
        var ct = TestContext.Current.CancellationToken;

        order.Train([.. SampleWorks.Range(0, 19).Select(w => (w, SampleWorks.IsSoothing(w)))], ct).ShouldBeNull();
        order.Train([.. SampleWorks.Range(0, 20).Select(w => (w, SampleWorks.IsSoothing(w)))], ct).ShouldNotBeNull();
    }

    [Fact]
    public void Works_alike_in_every_facet_keep_pool_order()
    {
        IReadOnlyCollection<string>[] facets = [["circle:a"], ["circle:a"], ["circle:a"]];

        FacetSpread.Rank(facets, 3).ShouldBe([0, 1, 2]);
    }

    [Fact]
    public void Facets_compare_width_normalised_and_case_folded()
    {
        var full = SampleWorks.Create(0) with { Circle = "ＡＢＣ", VoiceActors = [], Genres = ["ＡＳＭＲ"] };
        var half = SampleWorks.Create(2) with { Circle = "abc", VoiceActors = [], Genres = ["asmr"] };

        FacetSpread.Of(full).ShouldBe(FacetSpread.Of(half), ignoreOrder: true);
    }

    [Fact]
    public void The_lazy_greedy_picks_what_the_plain_greedy_picks()
    {
        var random = new Random(14);
        for (var trial = 0; trial < 20; trial++)
        {
            IReadOnlyCollection<string>[] facets = [.. Enumerable.Range(0, 60).Select(_ =>
                (IReadOnlyCollection<string>)[.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => $"f{random.Next(12)}").Distinct()])];

            FacetSpread.Rank(facets, 25).Take(25).ShouldBe(PlainGreedy(facets, 25), $"trial {trial}");
        }
    }

    static List<int> PlainGreedy(IReadOnlyList<IReadOnlyCollection<string>> facets, int size)
    {
        var seen = new Dictionary<string, int>();
        var picked = new List<int>();
        for (var k = 0; k < size; k++)
        {
            var best = Enumerable.Range(0, facets.Count).Where(i => !picked.Contains(i))
                .OrderByDescending(i => facets[i].Sum(f => 1.0 / (1 + seen.GetValueOrDefault(f)))).ThenBy(i => i).First();
            picked.Add(best);
            foreach (var f in facets[best]) seen[f] = seen.GetValueOrDefault(f) + 1;
        }
        return picked;
    }

    static int Distinct(IEnumerable<Work> works, Func<Work, IEnumerable<string>> facet) => works.SelectMany(facet).Distinct().Count();

    static QuestionOrder Order(int firstScreen) => new(
        new TasteModelFamilies([SampleModel.Ngram], Options.Create(new TasteModelOptions())),
        SampleModel.Inputs,
        Options.Create(new LabellingOptions { FirstScreen = firstScreen }));
}
