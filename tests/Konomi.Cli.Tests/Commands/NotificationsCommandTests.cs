using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi notifications</c> process over a ledger the notifier would have written.</summary>
public class NotificationsCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exploration_posts_are_marked_おためし_with_their_probability_and_counted()
    {
        await using var store = TestStore.Sqlite();
        var ledger = store.Get<INotificationStore>();
        var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var run = Guid.NewGuid();
        await ledger.TryCreateAsync(new Notification("RJ01000001", "C1", "alice", run, NotificationStatus.Pending, 0, at), Ct);
        await ledger.TryCreateAsync(new Notification("RJ01000002", "C1", "alice", run, NotificationStatus.Pending, 0, at, ExplorationProbability: 0.125), Ct);
        await ledger.TryCreateAsync(new Notification("RJ01000003", "C1", "alice", run, NotificationStatus.Pending, 0, at, ExplorationProbability: 0.5), Ct);
        (await ledger.TryLeaseAsync("RJ01000002", "C1", "test", at.AddMinutes(5), Ct)).ShouldNotBeNull();
        (await ledger.MarkSentAsync("RJ01000002", "C1", "test", "C1", "1.1", Ct)).ShouldBeTrue();

        var result = await KonomiCli.RunAsync(["notifications", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        var lines = result.Output.Split('\n');
        lines.Single(l => l.Contains("RJ01000001")).ShouldNotContain("おためし");
        lines.Single(l => l.Contains("RJ01000002")).ShouldContain("[おためし p=0.13]");
        lines.Single(l => l.Contains("RJ01000003")).ShouldContain("[おためし p=0.50]");
        lines.ShouldContain("3 notifications, 2 of them おためし (exploration: works the model would not have posted; 1 of those sent)");
    }

    [Fact]
    public async Task User_option_lists_only_that_user_s_notifications()
    {
        await using var store = TestStore.Sqlite();
        var ledger = store.Get<INotificationStore>();
        var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        foreach (var user in new[] { "alice", "bob" })
            await store.Get<IUserStore>().UpsertAsync(new UserProfile(user), Ct); // --user names a known user
        await ledger.TryCreateAsync(new Notification("RJ01000001", "C1", "alice", Guid.NewGuid(), NotificationStatus.Pending, 0, at), Ct);
        await ledger.TryCreateAsync(new Notification("RJ01000002", "C2", "bob", Guid.NewGuid(), NotificationStatus.Pending, 0, at.AddMinutes(1)), Ct);

        var result = await KonomiCli.RunAsync(["notifications", "--user", "alice", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("RJ01000001");
        result.Output.ShouldNotContain("RJ01000002");
        result.Output.ShouldContain("1 notification, 0 of them おためし");
    }
}
