using System.Net;
using Konomi.Storage.Ports;
using Konomi.Testing;
using static Konomi.Web.Tests.OddPressTests;

namespace Konomi.Web.Tests;

/// <summary>
/// Values a press carries that do not read as the pages write them (a version that is no number, a run that is no
/// crawl run id, a seen that is no label time, a form too large to read): each is refused with its reason, never read
/// as if left out, which would change what the press does.
/// </summary>
public sealed class PressValueTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData(" 3")]
    [InlineData(null)]
    public async Task A_rollback_from_a_value_that_is_no_version_is_refused_and_rolls_back_nothing(string? from)
    {
        await using var app = await WebApp.StartAsync();
        await SeedAsync(app);
        await RegisterVersionsAsync(app, "alice", 3);
        using var forms = new FormClient(app);

        var response = await forms.PostAsync("/models?handler=Rollback&user=alice", from is null ? [] : new() { ["from"] = from }, htmx: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await TextAsync(response);
        text.ShouldContain("from=");
        text.ShouldContain("nothing rolled back");
        var registry = app.Get<ITasteModelRegistry>();
        (await registry.FindServingAsync("alice", Ct))!.Version.ShouldBe(3);
        (await registry.FindAsync("alice", 2, Ct))!.Status.ShouldBe(TasteModelStatus.Retired);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    public async Task A_promote_of_a_value_that_is_no_version_is_refused_and_promotes_nothing(string version)
    {
        await using var app = await WebApp.StartAsync();
        await SeedAsync(app);
        await RegisterVersionsAsync(app, "alice", 2);
        using var forms = new FormClient(app);

        var response = await forms.PostAsync("/models?handler=Promote&user=alice", new() { ["version"] = version }, htmx: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TextAsync(response)).ShouldContain($"'{version}' is not a version number (version=…): nothing promoted.");
        (await app.Get<ITasteModelRegistry>().FindServingAsync("alice", Ct))!.Version.ShouldBe(2);
    }

    [Theory]
    [InlineData("not-a-run")]
    [InlineData("RJ01000001")]
    public async Task A_feedback_press_whose_run_is_no_crawl_run_id_is_refused_and_stores_no_label(string run)
    {
        await using var app = await WebApp.StartAsync();
        var work = await SeedAsync(app);
        using var forms = new FormClient(app);

        var response = await forms.PostAsync("/?handler=Feedback", new()
        {
            ["user"] = "alice", ["work"] = work.Id, ["run"] = run, ["seen"] = "none", ["interested"] = "true",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TextAsync(response)).ShouldContain("run=");
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();
        app.Published.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/?handler=Feedback", null)]
    [InlineData("/?handler=Feedback", "")]
    [InlineData("/?handler=Feedback", "yesterday")]
    [InlineData("/?handler=Feedback", "-1")]
    [InlineData("/?handler=Feedback", "5000 digits")]
    [InlineData("/label?handler=Answer", null)]
    [InlineData("/label?handler=Answer", "none:again")]
    [InlineData("/label?handler=Answer", "5000 digits")]
    public async Task A_press_whose_seen_is_no_label_time_a_page_shows_is_refused_and_stores_no_label(string path, string? seen)
    {
        await using var app = await WebApp.StartAsync();
        var work = await SeedAsync(app);
        using var forms = new FormClient(app);
        var fields = new Dictionary<string, string>
        {
            ["user"] = "alice", ["work"] = work.Id, ["run"] = Guid.NewGuid().ToString(), ["interested"] = "true", ["answer"] = "y",
        };
        if (seen is not null) fields["seen"] = seen == "5000 digits" ? new string('7', 5000) : seen;

        var response = await forms.PostAsync(path, fields);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await TextAsync(response);
        text.ShouldContain("seen=");
        text.Length.ShouldBeLessThan(400);
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();
        app.Published.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("y")]
    [InlineData("u")]
    public async Task A_garbled_list_of_moves_is_refused_and_stores_no_label(string answer)
    {
        await using var app = await WebApp.StartAsync();
        var work = await SeedAsync(app);
        using var forms = new FormClient(app);

        var response = await forms.PostAsync("/label?handler=Answer", new()
        {
            ["user"] = "alice", ["work"] = work.Id, ["answer"] = answer, ["seen"] = "none", ["Moves"] = $"s:{work.Id},x,a:",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TextAsync(response)).ShouldContain("'x' is not a move");
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public async Task A_retry_that_names_no_work_is_refused_asking_for_the_work(string? workId)
    {
        await using var app = await WebApp.StartAsync();
        await SeedAsync(app);
        var failures = app.Get<ICrawlFailureStore>();
        await failures.RecordAsync("RJ01000009", "http: 500", DateTimeOffset.UtcNow, Ct);
        using var forms = new FormClient(app);

        var response = await forms.PostAsync("/status?handler=Retry&user=alice", workId is null ? [] : new() { ["workId"] = workId }, htmx: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TextAsync(response)).ShouldContain("Name the work to retry");
        (await failures.ListAsync(ct: Ct)).ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("fields", "Form value count limit 1024")]
    [InlineData("value", "Form value length limit 4194304")]
    public async Task A_form_too_large_to_read_is_refused_for_its_size_not_as_a_stale_form(string excess, string cause)
    {
        await using var app = await WebApp.StartAsync();
        var work = await SeedAsync(app);
        using var forms = new FormClient(app);
        var fields = new Dictionary<string, string> { ["user"] = "alice", ["work"] = work.Id, ["answer"] = "y", ["seen"] = "none" };
        if (excess == "fields")
            foreach (var i in Enumerable.Range(0, 1100)) fields[$"extra{i}"] = "x";
        else
            fields["Moves"] = "s:" + new string('x', 4 * 1024 * 1024);

        var response = await forms.PostAsync("/label?handler=Answer", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var text = await TextAsync(response);
        text.ShouldContain(cause);
        text.ShouldNotContain("no longer matches");
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("application/json", "not 'application/json; charset=utf-8'")]
    [InlineData(null, "not a body without a Content-Type")]
    public async Task A_press_that_is_no_form_is_refused_for_its_content_type_not_as_a_stale_form(string? mediaType, string named)
    {
        await using var app = await WebApp.StartAsync();
        var work = await SeedAsync(app);
        using var forms = new FormClient(app);
        var body = new StringContent($$"""{"user":"alice","work":"{{work.Id}}","answer":"y","seen":"none"}""");
        if (mediaType is null) body.Headers.ContentType = null;
        else body.Headers.ContentType = new(mediaType) { CharSet = "utf-8" };

        var response = await forms.PostBodyAsync("/label?handler=Answer&user=alice", body);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var text = await TextAsync(response);
        text.ShouldContain(named);
        text.ShouldNotContain("no longer matches");
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();
    }
}
