using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Konomi.Web.Tests;

public sealed class PicksPageTests(Browser browser)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Interested_click_stores_the_label_and_publishes_FeedbackReceived_once()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        var works = await app.AddWorksAsync(SampleWorks.Range(0, 3));
        var run = Guid.NewGuid();
        foreach (var (work, i) in works.Select((w, i) => (w, i)))
            await app.ScoreAsync(work, "alice", 0.9 - i * 0.2, run);
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{app.Url}/?user=alice");
        var card = page.Locator($"li.card[data-work='{works[1].Id}']");
        await Expect(card.Locator("h2")).ToHaveTextAsync(works[1].Title);
        await Expect(card).ToContainTextAsync(works[1].Circle);
        // Keep the form as it was before the click, to send it again as a double submit would.
        await card.Locator("form.feedback").EvaluateAsync("f => window.sent = new URLSearchParams(new FormData(f))");
        await card.GetByRole(AriaRole.Button, new() { Name = "興味あり!" }).ClickAsync();

        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "✓ 興味あり!" })).ToBeDisabledAsync();
        var label = await app.Get<ILabelStore>().FindAsync("alice", works[1].Id, Ct);
        label.ShouldNotBeNull();
        label.Interested.ShouldBeTrue();
        label.Source.ShouldBe("web");
        await Eventually.HoldsAsync(() => app.Published.Count == 1, "FeedbackReceived published");
        app.Published[0].ShouldBe(new Contracts.FeedbackReceived(works[1].Id, "alice", true, "web", label.LabeledAt, run));

        var again = await page.EvaluateAsync<int>("""
            async () => { const s = new URLSearchParams(window.sent); s.set("interested", "true");
                          return (await fetch("/?handler=Feedback", { method: "POST", body: s })).status; }
            """);
        again.ShouldBe(200);
        (await app.Get<ILabelStore>().HistoryAsync("alice", works[1].Id, Ct)).Count.ShouldBe(1);

        // A change of mind is a new click; once it is published, the double submit has had every chance to be.
        await card.GetByRole(AriaRole.Button, new() { Name = "別に…" }).ClickAsync();
        await Eventually.HoldsAsync(() => app.Published.Any(m => !m.Interested), "the change of mind published");
        app.Published.Count(m => m.Interested).ShouldBe(1);
        (await app.Get<ILabelStore>().FindAsync("alice", works[1].Id, Ct))!.Interested.ShouldBeFalse();
        (await app.Get<ILabelStore>().HistoryAsync("alice", works[1].Id, Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Picks_show_circle_voice_actors_genres_reasons_and_score_best_first()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        var works = await app.AddWorksAsync(SampleWorks.Range(0, 2));
        await app.ScoreAsync(works[0], "alice", 0.31);
        await app.ScoreAsync(works[1], "alice", 0.87);
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{app.Url}/?user=alice");

        var cards = page.Locator("li.card");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.First).ToHaveAttributeAsync("data-work", works[1].Id);
        await Expect(cards.First).ToContainTextAsync("0.87");
        await Expect(cards.First).ToContainTextAsync("CV: 黒崎玲");
        await Expect(cards.First).ToContainTextAsync("ホラー");
        await Expect(cards.First.Locator(".reasons")).ToContainTextAsync("voice actor: 黒崎玲");
    }

    [Fact]
    public async Task An_unknown_user_is_refused_with_the_known_ones()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync($"{app.Url}/?user=nobody");

        response!.Status.ShouldBe(404);
        (await page.ContentAsync()).ShouldContain("alice");
    }
}
