using System.Net;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Konomi.Web.Tests;

/// <summary>The store briefly away (a locked SQLite file, a MongoDB failover): the person is told so, nothing is lost.</summary>
public sealed class StoreAwayTests(Browser browser)
{
    const string Away = "Konomi's store is not answering just now: try again in a moment.";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_the_store_does_not_answer_pages_and_presses_say_so_with_503_and_a_press_after_it_is_back_is_stored()
    {
        AwayUserStore? users = null;
        await using var app = await WebApp.StartAsync(services: s => s.AddSingleton<IUserStore>(p =>
            users = new AwayUserStore(ActivatorUtilities.CreateInstance<Konomi.Storage.Sqlite.SqliteUserStore>(p))));
        await app.AddUserAsync("alice");
        var work = (await app.AddWorksAsync(SampleWorks.Range(0, 1)))[0];
        using var forms = new FormClient(app);
        var press = (string id) => forms.PostAsync("/?handler=Feedback", new() { ["user"] = "alice", ["work"] = id, ["run"] = Guid.Empty.ToString(), ["seen"] = "none", ["interested"] = "true" });
        // The form's token, taken from a page while the store answers (a work it does not hold: nothing is stored).
        (await press("NO-SUCH-WORK")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        users!.Away = true;
        using var page = await forms.GetAsync("/?user=alice");
        using var refused = await press(work.Id);

        foreach (var answer in new[] { page, refused })
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var text = await answer.Content.ReadAsStringAsync(Ct);
            text.ShouldContain("store is not answering");
            text.ShouldNotContain("   at ");
        }
        // Only a press can leave the person unsure it was kept; a page that did not load lost nothing.
        (await page.Content.ReadAsStringAsync(Ct)).ShouldNotContain("may not have been saved");
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("The press you just made may not have been saved");
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();

        users.Away = false;
        (await press(work.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Get<ILabelStore>().FindAsync("alice", work.Id, Ct))!.Interested.ShouldBeTrue();
    }

    [Fact]
    public async Task A_store_away_shows_one_503_line_on_every_page_and_press_in_the_browser_and_no_stack_trace()
    {
        AwayUserStore? users = null;
        await using var app = await WebApp.StartAsync("0.0.0.0", new() { ["Web:Token"] = "operator-token", ["Web:UserTokens:alice"] = "alice-token" },
            services: s => s.AddSingleton<IUserStore>(p => users = new AwayUserStore(ActivatorUtilities.CreateInstance<Konomi.Storage.Sqlite.SqliteUserStore>(p))));
        await app.AddUserAsync("alice");
        var work = (await app.AddWorksAsync(SampleWorks.Range(0, 1)))[0];
        await app.ScoreAsync(work, "alice", 0.9);
        var failures = app.Get<ICrawlFailureStore>();
        await failures.RecordAsync("RJ01000009", "malformed: not a work page", DateTimeOffset.UtcNow, Ct);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.Url}/?token=alice-token");
        var card = page.Locator($"li.card[data-work='{work.Id}']");
        await Expect(card).ToBeVisibleAsync();

        users!.Away = true;
        await card.GetByRole(AriaRole.Button, new() { Name = "興味あり!" }).ClickAsync();
        await Expect(page.Locator("#problem")).ToContainTextAsync(Away);
        foreach (var path in new[] { "/", "/label", "/models", "/status" })
        {
            var answer = (await page.GotoAsync(app.Url + path))!;
            answer.Status.ShouldBe(503, path);
            var text = await page.Locator("body").InnerTextAsync();
            text.ShouldStartWith(Away, Case.Sensitive, path);
            text.ShouldNotContain("   at ", Case.Sensitive, path);
        }
        // Try again is the operator's (a person's token sees no button): the operator meets the same line.
        users.Away = false;
        await page.GotoAsync($"{app.Url}/status?token=operator-token");
        users.Away = true;
        var pressed = await page.RunAndWaitForResponseAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync(), r => r.Url.Contains("handler=Retry"));

        pressed.Status.ShouldBe(503);
        await Expect(page.Locator("body")).ToContainTextAsync(Away);
        (await page.Locator("body").InnerTextAsync()).ShouldNotContain("   at ");
        (await failures.ListAsync(ct: Ct)).ShouldHaveSingleItem();
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();
    }
}
