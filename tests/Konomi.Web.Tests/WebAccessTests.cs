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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Behind_a_tls_ingress_the_token_cookie_is_secure_once_forwarded_headers_are_trusted(bool trusted)
    {
        // deploy/k8s/components/web-ingress sets ASPNETCORE_FORWARDEDHEADERS_ENABLED: the Ingress ends TLS and says so.
        await using var app = await WebApp.StartAsync("0.0.0.0", new() { ["Web:Token"] = "s3cret", ["FORWARDEDHEADERS_ENABLED"] = trusted ? "true" : null });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?token=s3cret");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("konomi-web="));
        cookie.Contains("secure", StringComparison.OrdinalIgnoreCase).ShouldBe(trusted, cookie);
        cookie.ShouldContain("httponly", Case.Insensitive);
    }

    [Fact]
    public async Task A_form_post_with_the_token_left_in_its_address_is_taken_not_redirected_away()
    {
        await using var app = await WebApp.StartAsync("0.0.0.0", new() { ["Web:Token"] = "s3cret" });
        await app.AddUserAsync("alice");
        var work = (await app.AddWorksAsync(SampleWorks.Range(0, 2)))[0];
        using var forms = new FormClient(app);
        (await forms.GetAsync("/?token=s3cret")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await forms.PostAsync("/?handler=Feedback&token=s3cret", new()
        {
            ["user"] = "alice", ["work"] = work.Id, ["run"] = Guid.Empty.ToString(), ["seen"] = "none", ["interested"] = "true",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Get<Storage.Ports.ILabelStore>().FindAsync("alice", work.Id, Ct))!.Interested.ShouldBeTrue();
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

    [Fact]
    public async Task A_person_s_token_opens_their_own_pages_and_never_another_user_s()
    {
        await using var app = await WebApp.StartAsync("0.0.0.0", new()
        {
            ["Web:Token"] = "operator-token", ["Web:UserTokens:alice"] = "alice-token", ["Web:UserTokens:bob"] = "bob-token",
        });
        await app.AddUserAsync("alice");
        await app.AddUserAsync("bob");
        var works = await app.AddWorksAsync(SampleWorks.Range(0, 2));
        await app.ScoreAsync(works[0], "alice", 0.9);
        await app.ScoreAsync(works[1], "bob", 0.9);
        foreach (var (work, user) in new[] { (works[0], "alice"), (works[1], "bob") })
            await app.Get<Storage.Ports.INotificationStore>().TryCreateAsync(
                new Storage.Ports.Notification(work.Id, "C0KONOMI", user, Guid.NewGuid(), Storage.Ports.NotificationStatus.Pending, 0, DateTimeOffset.UtcNow), Ct);
        await app.Get<Storage.Ports.ICrawlFailureStore>().RecordAsync("RJ01000009", "malformed: not a work page", DateTimeOffset.UtcNow, Ct);
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{app.Url}/?token=alice-token");
        page.Url.ShouldBe($"{app.Url}/");
        await Expect(page.Locator($"li.card[data-work='{works[0].Id}']")).ToBeVisibleAsync();
        await Expect(page.Locator("select[name=user] option")).ToHaveTextAsync(["alice"]);
        foreach (var other in new[] { "/?user=bob", "/label?user=bob", "/models?user=bob", "/status?user=bob" })
            (await page.GotoAsync(app.Url + other))!.Status.ShouldBe(403, other);
        await page.GotoAsync($"{app.Url}/status");
        var ledger = page.Locator("section", new() { HasText = "Notifications" }).Locator("tbody tr");
        await Expect(ledger).ToHaveCountAsync(1);
        await Expect(ledger).ToContainTextAsync(works[0].Title);
        // The crawler's failed works belong to nobody: shown, but only the operator may retry them.
        var failed = page.Locator("section", new() { HasText = "Works the crawler cannot read" }).Locator("tbody tr");
        await Expect(failed).ToContainTextAsync("RJ01000009");
        await Expect(failed.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Try again" })).ToHaveCountAsync(0);
        // With a valid anti-forgery token (from alice's picks page), so the refusal is the token's, not the form's.
        await page.GotoAsync($"{app.Url}/");
        var retry = await page.EvaluateAsync<int>("""
            async () => { const s = new URLSearchParams({ workId: "RJ01000009",
                __RequestVerificationToken: document.querySelector("form.feedback input[name=__RequestVerificationToken]").value });
              return (await fetch("/status?handler=Retry", { method: "POST", body: s })).status; }
            """);
        retry.ShouldBe(403);
        (await app.Get<Storage.Ports.ICrawlFailureStore>().ListAsync(ct: Ct)).ShouldHaveSingleItem();

        // Alice's own form, sent for bob: refused, and bob has no label.
        await page.GotoAsync($"{app.Url}/");
        var status = await page.EvaluateAsync<int>("""
            async () => { const s = new URLSearchParams(new FormData(document.querySelector("form.feedback")));
              s.set("user", "bob"); s.set("interested", "true");
              return (await fetch("/?handler=Feedback", { method: "POST", body: s })).status; }
            """);
        status.ShouldBe(403);
        (await app.Get<Storage.Ports.ILabelStore>().FindAsync("bob", works[0].Id, Ct)).ShouldBeNull();

        var operatorPage = await browser.NewPageAsync();
        await operatorPage.GotoAsync($"{app.Url}/?token=operator-token&user=bob");
        await Expect(operatorPage.Locator($"li.card[data-work='{works[1].Id}']")).ToBeVisibleAsync();
        await Expect(operatorPage.Locator("select[name=user] option")).ToHaveTextAsync(["alice", "bob", "me"]); // "me": the seeded default user
    }

    [Fact]
    public async Task Two_people_given_the_same_token_is_refused_at_start()
    {
        var started = WebApp.StartAsync("0.0.0.0", new() { ["Web:UserTokens:alice"] = "same", ["Web:UserTokens:bob"] = "same" });

        var error = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(started);
        error.Message.ShouldContain("no two may be the same token");
    }
}
