using Microsoft.Playwright;
using Konomi.Storage.Ports;
using Konomi.Testing;
using static Microsoft.Playwright.Assertions;

namespace Konomi.Web.Tests;

public sealed class LabelPageTests(Browser browser)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_keyboard_answers_store_three_labels()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        await app.AddWorksAsync(SampleWorks.Range(0, 6));
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.Url}/label?user=alice");
        var asked = new List<string>();

        foreach (var (key, answered) in new[] { ("y", 1), ("n", 2), ("y", 3) })
        {
            asked.Add((await page.Locator("#labeller input[name=work]").InputValueAsync())!);
            await PressWhenIdleAsync(page, key);
            await Expect(page.Locator("#labeller")).ToHaveAttributeAsync("data-labelled", answered.ToString());
        }

        var labels = await app.Get<ILabelStore>().ListAsync("alice", Ct);
        labels.Select(l => (l.WorkId, l.Interested)).ShouldBe([(asked[0], true), (asked[1], false), (asked[2], true)], ignoreOrder: true);
        labels.ShouldAllBe(l => l.Source == "annotator");
        asked.Distinct().Count().ShouldBe(3);
        await Expect(page.Locator("#labeller .progress")).ToContainTextAsync("3 labels (2 興味あり) · no model serves: 17 more labels needed for a first model, incl. at least 1 別に");
    }

    [Fact]
    public async Task Skip_moves_on_without_a_label_and_undo_brings_the_last_work_back_to_answer_again()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        await app.AddWorksAsync(SampleWorks.Range(0, 4));
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.Url}/label?user=alice");
        var current = page.Locator("#labeller input[name=work]");

        var skipped = await current.InputValueAsync();
        await PressWhenIdleAsync(page, "s");
        await Expect(current).Not.ToHaveValueAsync(skipped);
        var answered = await current.InputValueAsync();
        await PressWhenIdleAsync(page, "y");
        await Expect(page.Locator("#labeller")).ToHaveAttributeAsync("data-labelled", "1");
        await PressWhenIdleAsync(page, "u");
        await Expect(current).ToHaveValueAsync(answered);
        await PressWhenIdleAsync(page, "n");
        await Expect(current).Not.ToHaveValueAsync(answered);

        var labels = await app.Get<ILabelStore>().ListAsync("alice", Ct);
        labels.Select(l => (l.WorkId, l.Interested)).ShouldBe([(answered, false)]);
        (await app.Get<ILabelStore>().HistoryAsync("alice", answered, Ct)).Count.ShouldBe(2);
        (await app.Get<ILabelStore>().FindAsync("alice", skipped, Ct)).ShouldBeNull();
    }

    /// <summary>
    /// Presses a key once the page has no htmx request, swap or settle under way: the page ignores keys while one
    /// is (a second answer must not race the first), so a key pressed then would be lost, not a test of the page.
    /// </summary>
    static async Task PressWhenIdleAsync(IPage page, string key)
    {
        await Expect(page.Locator(".htmx-request, .htmx-swapping, .htmx-settling")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync(key);
    }
}
