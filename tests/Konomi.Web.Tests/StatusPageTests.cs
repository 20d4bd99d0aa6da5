using Konomi.Storage.Ports;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Konomi.Web.Tests;

public sealed class StatusPageTests(Browser browser)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Try_again_forgets_that_failed_work_alone_as_the_cli_s_retry_does()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        var failures = app.Get<ICrawlFailureStore>();
        foreach (var work in new[] { "RJ01000001", "RJ01000002" })
            for (var cycle = 3; cycle > 0; cycle--)
                await failures.RecordAsync(work, $"malformed: {work}: not a work page", DateTimeOffset.UtcNow.AddHours(-cycle), Ct);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.Url}/status?user=alice");
        var failed = page.Locator("section", new() { HasText = "Works the crawler cannot read" }).Locator("tbody tr");
        await Expect(failed).ToHaveCountAsync(2);

        await failed.Filter(new() { HasText = "RJ01000002" }).GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();

        await Expect(page.Locator(".notice")).ToContainTextAsync("RJ01000002 will be fetched again at the next crawl cycle that lists it.");
        await Expect(failed).ToHaveCountAsync(1);
        await Expect(failed).ToContainTextAsync("RJ01000001");
        (await failures.ListAsync(ct: Ct)).Select(f => f.WorkId).ShouldBe(["RJ01000001"]);
    }

    [Fact]
    public async Task Each_failed_work_says_whether_the_crawler_has_given_up_on_it_by_the_crawler_s_own_setting()
    {
        await using var app = await WebApp.StartAsync(settings: new() { ["Crawler:MaxWorkAttempts"] = "2" });
        await app.AddUserAsync("alice");
        var failures = app.Get<ICrawlFailureStore>();
        await failures.RecordAsync("RJ01000001", "malformed: not a work page", DateTimeOffset.UtcNow.AddHours(-2), Ct);
        await failures.RecordAsync("RJ01000001", "malformed: not a work page", DateTimeOffset.UtcNow.AddHours(-1), Ct);
        await failures.RecordAsync("RJ01000002", "http: 500", DateTimeOffset.UtcNow.AddHours(-1), Ct);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.Url}/status?user=alice");
        var failed = page.Locator("section", new() { HasText = "Works the crawler cannot read" }).Locator("tbody tr");

        await Expect(failed.Filter(new() { HasText = "RJ01000001" })).ToContainTextAsync("given up");
        await Expect(failed.Filter(new() { HasText = "RJ01000002" })).ToContainTextAsync("retrying (1/2)");
    }

    [Fact]
    public async Task A_floor_whose_last_read_failed_is_shown_with_why_and_a_floor_read_since_or_no_longer_crawled_is_not()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        var reads = app.Get<IFloorReadStore>();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        await reads.SaveAsync(new FloorRead("maniax", at, "malformed: the listing's result list links 30 works but none reads as a result item", at.AddHours(-5)), Ct);
        await reads.SaveAsync(new FloorRead("home", at), Ct);
        await reads.SaveAsync(new FloorRead("girls", at, "challenge: the listing is a bot challenge", at), Ct);
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{app.Url}/status?user=alice");

        var unread = page.Locator("section", new() { HasText = "Last crawls" }).Locator(".problem");
        await Expect(unread).ToHaveCountAsync(1);
        await Expect(unread).ToContainTextAsync("Unread floor maniax since");
        await Expect(unread).ToContainTextAsync("malformed: the listing's result list links 30 works");
    }
}
