using System.Net;
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
}
