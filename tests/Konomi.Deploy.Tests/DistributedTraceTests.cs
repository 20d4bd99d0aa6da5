using Konomi.Emulators.Slack;
using Konomi.Slack;
using Konomi.Testing;

namespace Konomi.Deploy.Tests;

/// <summary>
/// Two service hosts as separate processes on the real broker, exporting OTLP to a local collector:
/// a Slack click into feedback becomes FeedbackReceived on RabbitMQ, the trainer consumes it, and the
/// collector holds one trace with spans from both.
/// </summary>
public class DistributedTraceTests
{
    [Fact]
    public async Task A_click_shows_as_one_trace_across_feedback_and_trainer_through_RabbitMQ()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var dashboard = await AspireDashboard.StartAsync(ct);
        await using var slack = await SlackEmulator.StartAsync(ct);
        const string signingSecret = "deploy-test-signing-secret";
        await using var virtualHost = await PrivateVirtualHost.CreateAsync(ct);
        var environment = new Dictionary<string, string?>(virtualHost.Environment())
        {
            ["Storage__Provider"] = "sqlite",
            ["Storage__DataDirectory"] = Directory.CreateTempSubdirectory("konomi-trace-").FullName,
            ["Feedback__Mode"] = "http",
            // A click counts for the profile whose SlackUserId pressed it.
            ["Users__0__UserId"] = "alice",
            ["Users__0__SlackUserId"] = "U0ALICE",
            ["Slack__SigningSecret"] = signingSecret,
            ["Slack__BotToken"] = slack.BotToken,
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpEndpoint.ToString(),
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        await using var trainer = ServiceProcess.Start("trainer", environment);
        await using var feedback = ServiceProcess.Start("feedback", environment);
        await Task.WhenAll(trainer.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct), feedback.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct));

        using var http = new HttpClient { BaseAddress = feedback.BaseAddress };
        var value = new FeedbackValue("RJ01234567", "alice", "ngram", 1).Format();
        var click = SlackInteraction.ButtonPress("U0ALICE", FeedbackActions.Interested, value, FeedbackActions.BlockIdPrefix + "RJ01234567",
            slack.GeneralChannel, "1700000000.000100", [], DateTimeOffset.UtcNow);
        using var response = await new SlackInteractionSender(http, signingSecret).SendAsync(click, DateTimeOffset.UtcNow, ct);
        response.IsSuccessStatusCode.ShouldBeTrue(feedback.Output);

        var trace = await SharedTraceAsync(dashboard, "konomi-feedback", "konomi-trainer", ct);

        trace.ShouldNotBeNull($"no trace spans both services with the trainer's span a child of one in it.\n--- feedback\n{feedback.Output}\n--- trainer\n{trainer.Output}");
        trace.ShouldContain(s => s.Service == "konomi-trainer" && s.Scope == "MassTransit");
        trace.ShouldContain(s => s.Service == "konomi-feedback" && s.Scope == "MassTransit");
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        trace.Where(s => s.Service == "konomi-trainer").ShouldContain(s => s.ParentSpanId != null && ids.Contains(s.ParentSpanId));
    }

    static async Task<List<ReceivedSpan>?> SharedTraceAsync(AspireDashboard dashboard, string first, string second, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            // Each process exports its spans in its own batches: wait until the second's span hangs under one of the trace's.
            var shared = (await dashboard.SpansAsync(ct)).GroupBy(s => s.TraceId)
                .FirstOrDefault(t => t.Any(s => s.Service == first) && t.Any(s => s.Service == second)
                    && t.Where(s => s.Service == second).Any(s => s.ParentSpanId is { } parent && t.Any(p => p.SpanId == parent)));
            if (shared is not null) return [.. shared];
            await Task.Delay(200, ct);
        }
        return null;
    }
}
