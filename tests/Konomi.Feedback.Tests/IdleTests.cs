using System.Net;

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

    [Fact]
    public async Task In_socket_mode_the_http_endpoint_is_not_there()
    {
        await using var app = await FeedbackApp.StartAsync(slack: null, []);

        using var response = await app.Sender.SendRawAsync("payload=%7B%7D"u8.ToArray(), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
