using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.TasteModels.Ngram;
using Konomi.Testing;
using static Microsoft.Playwright.Assertions;

namespace Konomi.Web.Tests;

/// <summary>
/// Every page over a store that has seen a few days of use, as the README shows them. The screenshots go
/// to <c>KONOMI_SCREENSHOTS</c> (docs/screenshots when refreshing the README), else to a temp folder.
/// </summary>
public sealed class EveryPageTests(Browser browser)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_renders_a_used_store_without_a_browser_error()
    {
        await using var app = await WebApp.StartAsync();
        await SeedAsync(app);
        var folder = Environment.GetEnvironmentVariable("KONOMI_SCREENSHOTS") ?? Directory.CreateTempSubdirectory("konomi-screens").FullName;
        var page = await browser.NewPageAsync(1040, 740);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("favicon")) errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);

        foreach (var (path, name, ready) in new[]
        {
            ("/?user=alice", "picks", "li.card"),
            ("/label?user=bob", "label", "#labeller form"),
            ("/models?user=alice", "models", "#curve-chart canvas"),
            ("/status?user=alice", "status", "table"),
        })
        {
            var response = await page.GotoAsync(app.Url + path);
            response!.Status.ShouldBe(200, path);
            await Expect(page.Locator(ready).First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
        }

        errors.ShouldBeEmpty();
        await Expect(page.Locator("table").Last).ToContainTextAsync("channel_not_found");
        await Expect(page.Locator("section", new() { HasText = "Works the crawler cannot read" })).ToContainTextAsync("RJ01999999");
    }

    static async Task SeedAsync(WebApp app)
    {
        await app.AddUserAsync("alice");
        await app.AddUserAsync("bob");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var works = await app.AddWorksAsync([.. SampleWorks.Range(0, 40).Select((w, i) => w with
        {
            ReleaseDate = today.AddDays(-i / 4),
            Description = w.Description + " 耳元で囁かれる、静かな夜のための音声作品。ダミーヘッドマイク収録、全編バイノーラル。",
        })]);

        // alice: a few weeks of labels, three model versions, today's scored works.
        var labels = app.Get<ILabelStore>();
        var at = DateTimeOffset.UtcNow.AddDays(-3);
        foreach (var (work, i) in works.Skip(8).Select((w, i) => (w, i)))
            await labels.RecordAsync(new Click($"seed-a-{i}", "alice", work.Id, SampleWorks.IsSoothing(work) ^ (i % 7 == 0), at.AddMinutes(i), "slack"), Ct);
        foreach (var (work, i) in works.Skip(30).Take(7).Select((w, i) => (w, i)))
            await labels.RecordAsync(new Click($"seed-b-{i}", "bob", work.Id, i % 3 == 0, at.AddMinutes(i), "annotator"), Ct);
        var registry = app.Get<ITasteModelRegistry>();
        var figures = new[] { (20, 0.58, 0.61), (26, 0.55, 0.60), (32, 0.71, 0.77) };
        foreach (var (examples, f1, ap) in figures)
        {
            var version = await registry.RegisterAsync(new TasteModelDraft("alice", NgramFamily.Name,
                new ModelMetrics(examples, examples / 2, 5, f1 + 0.05, f1 + 0.03, f1 - 0.02, f1, ap + 0.08, ap, 0.47), []), Ct);
            if (f1 >= 0.58) await registry.PromoteAsync("alice", version.Version, $"F1 {f1:0.00} over 5 folds", Ct);
            else await registry.RejectAsync("alice", version.Version, $"F1 {f1:0.00} < serving v1 0.58 on the same 5 folds", Ct);
        }
        var run = Guid.NewGuid();
        foreach (var (work, i) in works.Take(5).Select((w, i) => (w, i)))
            await app.ScoreAsync(work, "alice", SampleWorks.IsSoothing(work) ? 0.91 - i * 0.04 : 0.22 + i * 0.03, run);
        await labels.RecordAsync(new Click("seed-pick", "alice", works[2].Id, true, DateTimeOffset.UtcNow, "slack"), Ct);

        // What the crawler and the notifier left behind.
        var snapshots = app.Get<ISnapshotStore>();
        for (var day = 2; day >= 0; day--)
            await snapshots.AddAsync(new CrawlSnapshot(Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-day).AddHours(-1), "maniax/new", [.. works.Skip(day * 4).Take(30).Select(w => w.Id)]), Ct);
        var failures = app.Get<ICrawlFailureStore>();
        for (var cycle = 3; cycle > 0; cycle--)
            await failures.RecordAsync("RJ01999999", "malformed: RJ01999999: not a work page (no #work_name title, or no #work_outline table or product-info list)", DateTimeOffset.UtcNow.AddHours(-cycle), Ct);
        var ledger = app.Get<INotificationStore>();
        foreach (var (work, i) in works.Take(4).Select((w, i) => (w, i)))
        {
            await ledger.TryCreateAsync(new Notification(work.Id, "C0KONOMI", "alice", run, NotificationStatus.Pending, 0, DateTimeOffset.UtcNow.AddMinutes(-i)), Ct);
            if (i == 2) continue;
            await ledger.TryLeaseAsync(work.Id, "C0KONOMI", "notifier", DateTimeOffset.UtcNow.AddMinutes(1), Ct);
            if (i == 3) await ledger.MarkFailedAsync(work.Id, "C0KONOMI", "notifier", "channel_not_found", retryAt: null, Ct);
            else await ledger.MarkSentAsync(work.Id, "C0KONOMI", "notifier", "C0KONOMI", $"1732950000.00{i}", Ct);
        }
    }
}
