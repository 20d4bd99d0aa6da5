using System.Net;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Logging;
using static Microsoft.Playwright.Assertions;

namespace Konomi.Web.Tests;

/// <summary>
/// The keys behind every form's anti-forgery token live in the store: a page loaded before a restart, or from another
/// replica over the same store, still takes its press, and a first start says nothing alarming about them.
/// </summary>
public sealed class FormKeysTests(Browser browser)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_loaded_before_a_restart_still_labels_after_it()
    {
        await using var before = await WebApp.StartAsync();
        await before.AddUserAsync("alice");
        await before.AddWorksAsync(SampleWorks.Range(0, 3));
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{before.Url}/label?user=alice");
        var work = await page.Locator("#labeller input[name=work]").InputValueAsync();

        await using var app = await before.RestartAsync();
        await page.Keyboard.PressAsync("y");

        await Expect(page.Locator("#labeller")).ToHaveAttributeAsync("data-labelled", "1");
        await Expect(page.Locator("#problem")).ToBeHiddenAsync();
        (await app.Get<ILabelStore>().FindAsync("alice", work, Ct))!.Interested.ShouldBeTrue();
    }

    [Fact]
    public async Task A_form_from_one_replica_is_taken_by_another_over_the_same_store()
    {
        await using var store = TestStore.MongoWire();
        await using var first = await WebApp.StartAsync(store: store);
        await using var second = await WebApp.StartAsync(store: store);
        await first.AddUserAsync("alice");
        var work = (await first.AddWorksAsync(SampleWorks.Range(0, 3)))[0];
        using var forms = new FormClient(first);   // the page and its cookie come from the first replica

        var response = await forms.PostAsync($"{second.Url}/label?handler=Answer", new() { ["user"] = "alice", ["work"] = work.Id, ["answer"] = "y", ["seen"] = "none" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        (await second.Get<ILabelStore>().FindAsync("alice", work.Id, Ct))!.Interested.ShouldBeTrue();
    }

    [Fact]
    public async Task Two_replicas_started_together_on_an_empty_store_take_each_others_forms_after_their_first_minutes()
    {
        await using var store = TestStore.MongoWire();
        var together = new ReplicasStartingTogether();
        // Each on its own thread: Data Protection reads and stores keys synchronously as the host starts.
        var replicas = await Task.WhenAll(Task.Run(() => WebApp.StartAsync(store: store, services: together.Join), Ct),
            Task.Run(() => WebApp.StartAsync(store: store, services: together.Join), Ct));
        await using var first = replicas[0];
        await using var second = replicas[1];
        ReplicasStartingTogether.EndKeyRefreshWindow(first);
        ReplicasStartingTogether.EndKeyRefreshWindow(second);
        await first.AddUserAsync("alice");
        var works = await first.AddWorksAsync(SampleWorks.Range(0, 2));

        foreach (var (from, to, work) in new[] { (first, second, works[0]), (second, first, works[1]) })
        {
            using var forms = new FormClient(from);
            var response = await forms.PostAsync($"{to.Url}/label?handler=Answer", new() { ["user"] = "alice", ["work"] = work.Id, ["answer"] = "y", ["seen"] = "none" });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        }
        (await first.Get<ILabelStore>().ListAsync("alice", Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_first_start_says_nothing_alarming_about_the_form_keys()
    {
        await using var app = await WebApp.StartAsync();
        await app.AddUserAsync("alice");
        var work = (await app.AddWorksAsync(SampleWorks.Range(0, 1)))[0];
        using var forms = new FormClient(app);

        var response = await forms.PostAsync("/label?handler=Answer", new() { ["user"] = "alice", ["work"] = work.Id, ["answer"] = "y", ["seen"] = "none" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Logs.Collector.GetSnapshot()
            .Where(r => r.Level >= LogLevel.Warning && r.Category?.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) == true)
            .Select(r => r.Message).ShouldBeEmpty();
    }
}
