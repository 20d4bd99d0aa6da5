using System.Net;
using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.TasteModels.Ngram;
using Konomi.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Konomi.Web.Tests;

/// <summary>
/// Presses a browser would not send as the page drew them (fields left out or garbled, sent twice, from two tabs, to
/// no action): each gets a clear answer, stores nothing it should not, and never lands on another user.
/// </summary>
public sealed class OddPressTests(Browser browser)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_press_that_names_no_user_changes_nobody_s_labels_or_models()
    {
        await using var app = await WebApp.StartAsync();
        var work = await SeedAsync(app);
        await app.Get<ILabelStore>().RecordAsync(new Click("seed", "alice", work.Id, true, DateTimeOffset.UtcNow, "import"), Ct);
        await RegisterVersionsAsync(app, "alice", 2);
        using var forms = new FormClient(app);

        var pick = await forms.PostAsync("/?handler=Feedback", new() { ["work"] = work.Id, ["run"] = Guid.Empty.ToString(), ["seen"] = "none", ["interested"] = "false" });
        var answer = await forms.PostAsync("/label?handler=Answer", new() { ["work"] = work.Id, ["answer"] = "n", ["seen"] = "none" });
        var rollback = await forms.PostAsync("/models?handler=Rollback", []);

        pick.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await pick.Content.ReadAsStringAsync(Ct)).ShouldContain("Name the user");
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        rollback.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Get<ILabelStore>().FindAsync("alice", work.Id, Ct))!.Interested.ShouldBeTrue();
        (await app.Get<ILabelStore>().ListAsync("bob", Ct)).ShouldBeEmpty();
        (await app.Get<ITasteModelRegistry>().FindServingAsync("alice", Ct))!.Version.ShouldBe(2);
        app.Published.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/?handler=Feedback", "NO-SUCH-WORK", HttpStatusCode.NotFound)]
    [InlineData("/?handler=Feedback", "", HttpStatusCode.BadRequest)]
    [InlineData("/label?handler=Answer", "NO-SUCH-WORK", HttpStatusCode.NotFound)]
    [InlineData("/label?handler=Answer", "", HttpStatusCode.BadRequest)]
    public async Task A_press_for_a_work_the_store_does_not_hold_stores_no_label(string path, string work, HttpStatusCode expected)
    {
        await using var app = await WebApp.StartAsync();
        await SeedAsync(app);
        using var forms = new FormClient(app);

        var response = await forms.PostAsync(path, new()
        {
            ["user"] = "alice", ["work"] = work, ["run"] = Guid.Empty.ToString(), ["seen"] = "none", ["interested"] = "true", ["answer"] = "y",
        });

        response.StatusCode.ShouldBe(expected);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("nothing was labelled", Case.Insensitive);
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();
        app.Published.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/?handler=Feedback", "interested", null)]
    [InlineData("/?handler=Feedback", "interested", "maybe")]
    [InlineData("/label?handler=Answer", "answer", null)]
    [InlineData("/label?handler=Answer", "answer", "yes please")]
    public async Task A_press_without_a_clear_answer_stores_no_label(string path, string field, string? value)
    {
        await using var app = await WebApp.StartAsync();
        var work = await SeedAsync(app);
        using var forms = new FormClient(app);
        var fields = new Dictionary<string, string> { ["user"] = "alice", ["work"] = work.Id, ["run"] = Guid.Empty.ToString(), ["seen"] = "none" };
        if (value is not null) fields[field] = value;

        var response = await forms.PostAsync(path, fields);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Answering_a_work_again_from_another_tab_replaces_its_label_and_says_what_is_stored()
    {
        await using var app = await WebApp.StartAsync();
        var work = await SeedAsync(app);
        using var forms = new FormClient(app);
        var answer = (string yn) => forms.PostAsync("/label?handler=Answer", new() { ["user"] = "alice", ["work"] = work.Id, ["answer"] = yn, ["seen"] = "none" });

        (await answer("y")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await answer("n");
        var again = await answer("n");

        (await app.Get<ILabelStore>().FindAsync("alice", work.Id, Ct))!.Interested.ShouldBeFalse();
        (await TextAsync(second)).ShouldContain("別に…");
        (await app.Get<ILabelStore>().HistoryAsync("alice", work.Id, Ct)).Count.ShouldBe(2);
        (await TextAsync(again)).ShouldContain("別に…");
    }

    [Fact]
    public async Task Roll_back_sent_twice_goes_back_one_version_and_says_the_second_changed_nothing()
    {
        await using var app = await WebApp.StartAsync();
        await SeedAsync(app);
        await RegisterVersionsAsync(app, "alice", 3);
        using var forms = new FormClient(app);

        var first = await forms.PostAsync("/models?handler=Rollback&user=alice", new() { ["from"] = "3" }, htmx: false);
        var second = await forms.PostAsync("/models?handler=Rollback&user=alice", new() { ["from"] = "3" }, htmx: false);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var registry = app.Get<ITasteModelRegistry>();
        (await registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(2);
        (await registry.FindAsync("alice", 1, Ct))!.Status.ShouldBe(TasteModelStatus.Retired);
        var page = await TextAsync(await forms.GetAsync(second.Headers.Location!.ToString()));
        page.ShouldContain("v3 no longer serves (v2 does): nothing rolled back.");
    }

    [Theory]
    [InlineData("POST", "/label")]
    [InlineData("POST", "/?handler=Nope")]
    [InlineData("PUT", "/label?handler=Answer")]
    [InlineData("DELETE", "/status?handler=Retry")]
    public async Task A_request_for_no_action_of_the_page_is_not_found_rather_than_an_empty_page(string method, string path)
    {
        await using var app = await WebApp.StartAsync();
        var work = await SeedAsync(app);
        using var forms = new FormClient(app);

        var response = await forms.PostAsync(path, new() { ["user"] = "alice", ["work"] = work.Id, ["answer"] = "y", ["seen"] = "none" }, method: new HttpMethod(method));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("POST", "/?handler=", "This page has no action without a name (no ?handler=) for POST; its actions: POST ?handler=Feedback")]
    [InlineData("POST", "/?handler=Nope", "This page has no action 'Nope' for POST; its actions: POST ?handler=Feedback")]
    [InlineData("PUT", "/label?handler=Answer", "This page has no action 'Answer' for PUT; its actions: POST ?handler=Answer")]
    public async Task A_request_for_no_action_says_which_actions_the_page_has(string method, string path, string answer)
    {
        await using var app = await WebApp.StartAsync();
        await SeedAsync(app);
        using var forms = new FormClient(app);

        var response = await forms.PostAsync(path, new() { ["user"] = "alice" }, method: new HttpMethod(method));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldStartWith(answer);
    }

    [Fact]
    public async Task A_press_without_scripts_gets_the_whole_page_back_not_a_fragment()
    {
        await using var app = await WebApp.StartAsync();
        var work = await SeedAsync(app);
        using var forms = new FormClient(app);

        var response = await forms.PostAsync("/label?handler=Answer", new() { ["user"] = "alice", ["work"] = work.Id, ["answer"] = "y", ["seen"] = "none" }, htmx: false);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/label?user=alice", StringCompareShould.IgnoreCase);
        (await app.Get<ILabelStore>().FindAsync("alice", work.Id, Ct))!.Interested.ShouldBeTrue();
    }

    [Fact]
    public async Task A_press_the_app_refuses_shows_the_reason_on_the_page()
    {
        await using var app = await WebApp.StartAsync();
        await SeedAsync(app);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{app.Url}/label?user=alice");
        var problem = page.Locator("#problem");
        await Expect(problem).ToBeHiddenAsync();
        // As when the browser has lost the form's cookie (cookies cleared): the page's form token no longer matches.
        // A restart no longer does this: the keys live in the store (FormKeysTests).
        await page.Context.ClearCookiesAsync();

        await page.Locator("#labeller button[data-key=y]").ClickAsync();

        await Expect(problem).ToBeVisibleAsync();
        await Expect(problem).ToContainTextAsync("reload the page and press again");
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();
    }

    /// <summary>Users alice and bob, and three stored works: the first is returned.</summary>
    internal static async Task<Work> SeedAsync(WebApp app)
    {
        await app.AddUserAsync("alice");
        await app.AddUserAsync("bob");
        return (await app.AddWorksAsync(SampleWorks.Range(0, 3)))[0];
    }

    /// <summary>The answer as a person reads it (the pages write Japanese as character references).</summary>
    internal static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

    /// <summary>Versions 1..<paramref name="count"/>, each promoted in turn: the last serves, the others retired.</summary>
    internal static async Task RegisterVersionsAsync(WebApp app, string user, int count)
    {
        var registry = app.Get<ITasteModelRegistry>();
        for (var i = 1; i <= count; i++)
        {
            var version = await registry.RegisterAsync(new TasteModelDraft(user, NgramFamily.Name, new ModelMetrics(20, 10, 3, 0.6, 0.6, 0.65, 0.6 + i / 100.0, 0.7, 0.66, 0.5), []), Ct);
            await registry.PromoteAsync(user, version.Version, "by the test", Ct);
        }
    }
}
