using System.Diagnostics;
using Konomi.Emulators.Slack;

namespace Konomi.EndToEnd.Tests;

public class SlackOutageTests
{
    [Fact]
    public async Task Slack_answering_429_then_500_for_a_while_delays_posts_but_loses_and_duplicates_none()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var loop = await Loop.StartAsync("slack-429-500", ct);
        loop.Slack.FailNext("chat.postMessage", SlackFault.RateLimited(TimeSpan.FromSeconds(1)), times: 3);
        loop.Slack.FailNext("chat.postMessage", SlackFault.ServerError(), times: 3);
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);

        var tally = await loop.FinishAsync("slack-429-500", works, clock, ct);

        tally.ShouldBeExactlyOnce();
        loop.Slack.Calls("chat.postMessage").ShouldBeGreaterThanOrEqualTo(tally.Posted + 6, "every injected fault was answered to a post");
    }
}
