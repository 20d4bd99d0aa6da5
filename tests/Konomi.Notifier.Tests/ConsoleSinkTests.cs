using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace Konomi.Notifier.Tests;

public sealed class ConsoleSinkTests
{
    [Fact]
    public async Task Without_a_bot_token_what_would_be_posted_is_logged_and_recorded()
    {
        await using var store = TestStore.Sqlite();
        var run = Guid.NewGuid();
        await store.AddUserAsync(new UserProfile("me"));
        var works = await store.AddWorksAsync(run, 0, 1);
        var logs = new FakeLoggerProvider();
        await using var notifier = await NotifierHost.StartAsync(store, slack: null, TimeProvider.System, logs: logs);

        await notifier.DeliverAsync(await store.LikedAsync(works[0], "me", run));

        logs.Lines().ShouldContain(l => l.Contains("would post to user:me") && l.Contains(works[0].Title) && l.Contains("[興味あり!] [別に…]"));
        var entry = (await store.LedgerAsync()).ShouldHaveSingleItem();
        entry.Status.ShouldBe(NotificationStatus.Sent);
        entry.Channel.ShouldBe(ConsoleNotificationSink.Channel);
    }
}
