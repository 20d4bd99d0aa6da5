using System.Globalization;
using Konomi.Storage.Ports;
using Konomi.TasteModels.Ngram;
using Konomi.Testing;
using Konomi.Trainer;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Konomi.Web.Tests;

public sealed class ModelsPageTests(Browser browser)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Model_page_shows_versions_the_chart_over_versions_and_the_held_out_curve()
    {
        await using var app = await WebApp.StartAsync();
        await SeedModelsAsync(app);
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{app.Url}/models?user=alice");

        var rows = page.Locator("table.versions tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("v2");
        await Expect(rows.First).ToContainTextAsync("Serving");
        await Expect(rows.Nth(1)).ToContainTextAsync("Retired");
        await Expect(rows.First).ToContainTextAsync("0.81");
        await Expect(page.Locator("#versions-chart canvas")).ToBeVisibleAsync();
        await Expect(page.Locator("#curve-chart canvas")).ToBeVisibleAsync();
        var curve = await app.Get<ServingModelCurve>().ComputeAsync("alice", Ct);
        curve.ShouldNotBeNull();
        curve.Points.ShouldNotBeEmpty();
        await Expect(page.Locator("figure", new() { Has = page.Locator("#curve-chart") }))
            .ToContainTextAsync($"average precision {curve.AveragePrecision.ToString("0.00", CultureInfo.InvariantCulture)}");
    }

    [Fact]
    public async Task Roll_back_then_promote_change_the_serving_version_as_the_cli_does()
    {
        await using var app = await WebApp.StartAsync();
        await SeedModelsAsync(app);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.Url}/models?user=alice");
        // The curve arrives after the page and is swapped in above the versions table, moving it: click once it is in,
        // as a person would, or the click can land where a button was a moment before.
        var curveShown = page.Locator("#curve-chart canvas");
        await Expect(curveShown).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();

        await Expect(page.Locator(".notice")).ToContainTextAsync("v1 (ngram, F1 0.62) is serving again.");
        (await app.Get<ITasteModelRegistry>().FindServingAsync("alice", Ct))!.Version.ShouldBe(1);
        (await app.Get<ITasteModelRegistry>().FindAsync("alice", 2, Ct))!.Status.ShouldBe(TasteModelStatus.Rejected);
        await Expect(curveShown).ToBeVisibleAsync();

        await page.Locator("table.versions tbody tr", new() { HasText = "v2" }).GetByRole(AriaRole.Button, new() { Name = "Promote" }).ClickAsync();

        await Expect(page.Locator(".notice")).ToContainTextAsync("v2 (ngram, F1 0.81) is serving.");
        (await app.Get<ITasteModelRegistry>().FindServingAsync("alice", Ct))!.Version.ShouldBe(2);
    }

    [Theory]
    [InlineData(1200)]
    [InlineData(700)]
    public async Task The_versions_table_stays_where_it_is_when_the_curve_arrives(int width)
    {
        await using var app = await WebApp.StartAsync();
        await SeedModelsAsync(app);
        var page = await browser.NewPageAsync(width);
        // Hold the curve back until the table has been measured without it.
        var measured = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/models?*handler=Curve*", async route => { await measured.Task; await route.ContinueAsync(); });
        await page.GotoAsync($"{app.Url}/models?user=alice");
        var table = page.Locator("table.versions");
        await Expect(table).ToBeVisibleAsync();
        var before = (await table.BoundingBoxAsync())!.Y;

        measured.SetResult();
        await Expect(page.Locator("#curve-chart canvas")).ToBeVisibleAsync();

        (await table.BoundingBoxAsync())!.Y.ShouldBe(before, 0.5);
    }

    [Fact]
    public async Task The_curve_request_leaves_a_promotes_outcome_to_the_page_it_redirects_to()
    {
        await using var app = await WebApp.StartAsync();
        await SeedModelsAsync(app);
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        // The page asks for its curve after it has shown; a promote clicked meanwhile redirects to a page whose notice
        // travels in the TempData cookie. A curve response that set that cookie (emptied) could land in between.
        using var curve = await http.GetAsync("/models?user=alice&handler=Curve", Ct);

        curve.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        curve.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeFalse(string.Join("; ", cookies ?? []));
    }

    /// <summary>Thirty labels with a learnable taste and two versions of an n-gram model, the second serving.</summary>
    static async Task SeedModelsAsync(WebApp app)
    {
        await app.AddUserAsync("alice");
        var works = await app.AddWorksAsync(SampleWorks.Range(0, 30));
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        foreach (var (work, i) in works.Select((w, i) => (w, i)))
            await app.Get<ILabelStore>().RecordAsync(new Click($"seed-{i}", "alice", work.Id, SampleWorks.IsSoothing(work), at.AddSeconds(i), "import"), Ct);
        var registry = app.Get<ITasteModelRegistry>();
        var v1 = await registry.RegisterAsync(new TasteModelDraft("alice", NgramFamily.Name, new ModelMetrics(20, 10, 3, 0.6, 0.6, 0.65, 0.62, 0.7, 0.66, 0.5), []), Ct);
        await registry.PromoteAsync("alice", v1.Version, "first model", Ct);
        var v2 = await registry.RegisterAsync(new TasteModelDraft("alice", NgramFamily.Name, new ModelMetrics(30, 15, 3, 0.8, 0.8, 0.82, 0.81, 0.9, 0.86, 0.5), []), Ct);
        await registry.PromoteAsync("alice", v2.Version, "F1 0.81 >= serving v1", Ct);
    }
}
