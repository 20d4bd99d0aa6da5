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
}
