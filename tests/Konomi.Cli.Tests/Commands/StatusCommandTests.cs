using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi status</c> process on a store.</summary>
public class StatusCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_counts_every_pending_and_failed_notification()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);
        var ledger = store.Get<INotificationStore>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 150; i++)
            await ledger.TryCreateAsync(new Notification($"RJ{i:D8}", "C0123", "me", Guid.NewGuid(), NotificationStatus.Pending, 0, now.AddSeconds(-i)), Ct);
        await ledger.TryLeaseAsync("RJ00000007", "C0123", "cli-test", now.AddMinutes(5), Ct);
        await ledger.MarkFailedAsync("RJ00000007", "C0123", "cli-test", "channel_not_found", final: true, Ct);

        var result = await KonomiCli.RunAsync(["status", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("notifications  149 pending, 1 failed");
    }
}
