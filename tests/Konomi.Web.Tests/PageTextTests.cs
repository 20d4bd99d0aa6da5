using Konomi.Contracts;
using System.Net;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Web.Tests;

/// <summary>What the pages send, read as text: a person viewing the source, a script fetching a page, a mistyped address.</summary>
public sealed class PageTextTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Japanese_titles_are_sent_as_text_not_as_character_references()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        var work = (await app.AddWorksAsync(SampleWorks.Range(0, 1)))[0];
        await app.ScoreAsync(work, "alice", 0.9);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        var html = await http.GetStringAsync("/?user=alice", Ct);

        html.ShouldContain(work.Title);
    }

    [Fact]
    public async Task A_pick_scored_without_a_model_says_why_once_not_as_a_weightless_reason()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("bob");
        var work = (await app.AddWorksAsync(SampleWorks.Range(0, 1)))[0];
        const string why = "model v1 was rejected by the promotion gate (F1 0.40 vs 0.67 posting everything); keep labelling: new labels retrain it";
        await app.Get<IScoreStore>().AddAsync(new WorkScored(Guid.NewGuid(), work.Id, "bob", 0.6, 0.5, true, "popularity", 0,
            [new ScoreReason("popularity", "popularity: 800 sold", 0.6), new ScoreReason(WorkScored.NoModelSource, why, 0)]), Ct);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        var html = await http.GetStringAsync("/?user=bob", Ct);

        html.ShouldContain($"No model serves: {why}");
        html.ShouldContain("popularity: 800 sold");
        html.Split(why).Length.ShouldBe(2);
    }

    [Fact]
    public async Task An_address_with_no_page_says_so_and_names_the_pages()
    {
        await using var app = await WebApp.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        var response = await http.GetAsync("/works/RJ01000001", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var text = await response.Content.ReadAsStringAsync(Ct);
        text.ShouldContain("/works/RJ01000001");
        text.ShouldContain("/label");
    }

    [Fact]
    public async Task An_empty_label_queue_says_a_backfill_beside_konomi_run_needs_it_stopped_first()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        var html = await http.GetStringAsync("/label?user=alice", Ct);

        // `konomi crawl` beside the `konomi run` serving this page is refused (one per store): the hint must say so.
        html.ShouldContain("Nothing left to label");
        html.ShouldContain("stop <code>konomi run</code> first");
    }

    [Fact]
    public async Task The_model_page_shows_the_pooled_figures_konomi_models_list_and_the_gate_show()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        var registry = app.Get<ITasteModelRegistry>();
        // Per-fold means (F1 0.70, PR-AUC 0.84) differ from the pooled figures (0.64, 0.78) the model card shows.
        var metrics = new ModelMetrics(22, 10, 5, 0.59, 0.60, 0.80, 0.70, 0.80, 0.84, 0.27) { F1Pooled = 0.64, AveragePrecision = 0.78 };
        var v1 = await registry.RegisterAsync(new TasteModelDraft("alice", "ngram", metrics, [1, 2, 3]), Ct);
        await registry.PromoteAsync("alice", v1.Version, "first model", Ct);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        var html = await http.GetStringAsync("/models?user=alice", Ct);

        html.ShouldContain("<td>0.64</td>");
        html.ShouldContain("<td>0.78</td>");
        html.ShouldNotContain("<td>0.84</td>");
        html.ShouldContain("\"f1\":[0.64],\"ap\":[0.78]");
    }

    [Fact]
    public async Task The_label_page_of_a_user_whose_first_model_the_gate_rejected_says_so_not_22_of_20_toward_it()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("bob");
        var works = await app.AddWorksAsync(SampleWorks.Range(0, 22));
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < works.Count; i++)
            await app.Get<ILabelStore>().RecordAsync(new Click($"c{i}", "bob", works[i].Id, i % 2 == 0, at.AddSeconds(i), "annotator"), Ct);
        var registry = app.Get<ITasteModelRegistry>();
        var v1 = await registry.RegisterAsync(new TasteModelDraft("bob", "ngram", new ModelMetrics(22, 11, 5, 0.5, 0.5, 0.9, 0.67, 0.4, 0.42, 0.39), [1]), Ct);
        await registry.RejectAsync("bob", v1.Version, "worse: AP 0.342 vs cold start 0.500", Ct);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        var html = await http.GetStringAsync("/label?user=bob", Ct);

        html.ShouldNotContain("toward the first model");
        html.ShouldContain("22 labels (11 興味あり) · no model serves: model v1 was rejected by the promotion gate (F1 0.67; worse: AP 0.342 vs cold start 0.500); "
            + "keep labelling: new labels retrain it");
    }

    [Fact]
    public async Task The_model_page_says_why_no_version_serves_in_the_words_slack_and_konomi_status_use()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("bob");
        await app.AddUserAsync("carol");
        var registry = app.Get<ITasteModelRegistry>();
        var metrics = new ModelMetrics(22, 11, 5, 0.5, 0.5, 0.9, 0.67, 0.4, 0.42, 0.39)
        {
            F1Pooled = 0.4, PostEverythingF1 = 0.667, Gate = new GateEvidence("cold start", 22, 11, 0.342, 0.5, 0.97, -0.3, -0.02),
        };
        var v1 = await registry.RegisterAsync(new TasteModelDraft("bob", "ngram", metrics, [1]), Ct);
        await registry.RejectAsync("bob", v1.Version, "worse: AP 0.342 vs cold start 0.500", Ct);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        var bob = await http.GetStringAsync("/models?user=bob", Ct);
        var carol = await http.GetStringAsync("/models?user=carol", Ct);

        bob.ShouldContain("No model serves: model v1 was rejected by the promotion gate (F1 0.40 vs 0.67 posting everything; average precision 0.34 vs 0.50 "
            + "for cold start); keep labelling: new labels retrain it");
        bob.ShouldContain("<td>v1</td>");
        carol.ShouldContain("No model serves: 20 more labels needed for a first model, incl. at least 2 興味あり and 2 別に");
    }
}
