using Konomi.Contracts;
using System.Net;
using System.Net.Http.Json;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary><c>konomi run</c> with <c>Feedback:PublicUrl</c>: Slack's endpoint on a listener of its own, nothing else there.</summary>
public sealed class PublicListenerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_public_listener_serves_the_Slack_endpoint_alone_and_score_stays_on_the_private_one(bool privatePortByOption)
    {
        var ct = TestContext.Current.CancellationToken;
        var publicPort = FreePort.Next();
        await using var konomi = ServiceProcess.StartKonomi(["run", "--data-dir", Directory.CreateTempSubdirectory("konomi-run-").FullName], new Dictionary<string, string?>
        {
            ["Feedback__Mode"] = "http",
            ["Feedback__PublicUrl"] = $"http://127.0.0.1:{publicPort}",
            ["Slack__SigningSecret"] = "test-signing-secret",
            ["Crawler__ScheduleEnabled"] = "false",
        }, portOption: privatePortByOption);
        await konomi.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct);
        using var exposed = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{publicPort}/") };
        using var local = new HttpClient { BaseAddress = konomi.BaseAddress };

        using var scoreOutside = await exposed.PostAsJsonAsync("score?user=me", SampleWorks.Create(1), KonomiJson.Options, ct);
        using var healthOutside = await exposed.GetAsync("health/ready", ct);
        using var metricsOutside = await exposed.GetAsync("metrics", ct);
        // Unsigned: refused by the endpoint itself, so it is reached.
        using var slackOutside = await exposed.PostAsync("slack/interactions", new FormUrlEncodedContent([new("payload", "{}")]), ct);
        using var scoreInside = await local.PostAsJsonAsync("score?user=me", SampleWorks.Create(1), KonomiJson.Options, ct);

        scoreOutside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        healthOutside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        metricsOutside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        slackOutside.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        scoreInside.StatusCode.ShouldBe(HttpStatusCode.OK, konomi.Output);
    }
}
