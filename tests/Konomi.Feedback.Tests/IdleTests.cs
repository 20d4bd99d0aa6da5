using System.Net;
using Konomi.Emulators.Slack;

namespace Konomi.Feedback.Tests;

public sealed class IdleTests
{
    [Fact]
    public async Task Without_slack_tokens_the_service_starts_and_says_once_that_it_is_idle()
    {
        await using var app = await FeedbackApp.StartAsync(slack: null, []);

        await Eventually.HoldsAsync(() => app.Logs.Lines().Any(l => l.Contains("idle")), "the idle notice");
        app.Logs.Lines().Count(l => l.Contains("Feedback is idle")).ShouldBe(1);
    }

    [Theory]
    [InlineData("xapp-1-not-the-one", "invalid_auth")]
    [InlineData(null, "not_allowed_token_type")]
    public async Task An_app_token_slack_refuses_stops_socket_mode_with_one_error_saying_what_to_do(string? appToken, string error)
    {
        await using var slack = await SlackEmulator.StartAsync(TestContext.Current.CancellationToken);
        var settings = slack.Settings();
        settings["Slack:AppToken"] = appToken ?? slack.BotToken;
        await using var app = await FeedbackApp.StartAsync(slack, settings);

        await Eventually.HoldsAsync(() => app.Logs.Lines().Any(l => l.Contains("Slack refuses Slack:AppToken")), "the refusal");

        app.Logs.Lines().ShouldContain(l => l.Contains($"Slack refuses Slack:AppToken ({error}): 興味あり!/別に… clicks are not heard until it is the app-level token"));
        app.Logs.Lines().ShouldNotContain(l => l.Contains("reconnecting"));
        slack.Calls("apps.connections.open").ShouldBe(1);
    }

    [Fact]
    public async Task In_socket_mode_the_http_endpoint_is_not_there()
    {
        await using var app = await FeedbackApp.StartAsync(slack: null, []);

        using var response = await app.Sender.SendRawAsync("payload=%7B%7D"u8.ToArray(), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
