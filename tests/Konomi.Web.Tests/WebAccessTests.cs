using System.Net;
using Konomi.Testing;
using static Microsoft.Playwright.Assertions;

namespace Konomi.Web.Tests;

public sealed class WebAccessTests(Browser browser)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_exposed_listener_requires_the_token_then_a_cookie_carries_it()
    {
        await using var app = await WebApp.StartAsync("0.0.0.0", new() { ["Web:Token"] = "s3cret" });
        await app.AddUserAsync("alice");
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        (await http.GetAsync("/?user=alice", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync("/assets/konomi.css", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync("/?token=wrong", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.Url}/?token=s3cret&user=alice");
        page.Url.ShouldBe($"{app.Url}/?user=alice");
        await Expect(page.Locator("h1")).ToContainTextAsync("Today's picks");
        var models = await page.GotoAsync($"{app.Url}/models?user=alice");
        models!.Status.ShouldBe(200);
    }

    [Fact]
    public async Task An_exposed_listener_without_a_token_refuses_the_pages()
    {
        await using var app = await WebApp.StartAsync("0.0.0.0");
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        var response = await http.GetAsync("/", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Web:Token");
    }

    [Fact]
    public async Task A_loopback_listener_needs_no_token_but_a_post_needs_the_antiforgery_token()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        var work = (await app.AddWorksAsync(SampleWorks.Range(0, 1)))[0];
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        (await http.GetAsync("/?user=alice", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var forged = await http.PostAsync("/?handler=Feedback", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "alice", ["work"] = work.Id, ["run"] = Guid.Empty.ToString(), ["seen"] = "none", ["interested"] = "true",
        }), Ct);

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Get<Storage.Ports.ILabelStore>().FindAsync("alice", work.Id, Ct)).ShouldBeNull();
    }
}
