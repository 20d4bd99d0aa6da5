using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi users add|list</c>: only what is given changes.</summary>
public sealed class UsersCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_address_keeps_an_inactive_user_inactive_and_a_member_beside_a_channel_is_shown()
    {
        var dataDir = WorkFormatTests.NewDataDir();
        await KonomiAsync("users", "add", "bob", "--channel", "C0123", "--inactive", "--data-dir", dataDir);

        var edited = await KonomiAsync("users", "add", "bob", "--slack-user", "U0456", "--data-dir", dataDir);
        var woken = await KonomiAsync("users", "add", "bob", "--active", "--data-dir", dataDir);

        edited.Trim().ShouldBe("bob: inactive, C0123 (clicks by U0456)");
        woken.Trim().ShouldBe("bob: active, C0123 (clicks by U0456)");
    }

    [Fact]
    public async Task Users_add_without_a_user_says_to_name_one()
    {
        var result = await KonomiCli.RunAsync(["users", "add", "--data-dir", WorkFormatTests.NewDataDir()], ct: Ct);

        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.Trim().Split('\n')[0].ShouldBe("Name the user to add, e.g. konomi users add alice.");
    }

    [Fact]
    public async Task Dm_moves_a_channel_user_to_direct_messages_and_needs_their_member_id()
    {
        var dataDir = WorkFormatTests.NewDataDir();
        await KonomiAsync("users", "add", "team", "--channel", "C0123", "--data-dir", dataDir);

        var refused = await KonomiCli.RunAsync(["users", "add", "team", "--dm", "--data-dir", dataDir], ct: Ct);
        var moved = await KonomiAsync("users", "add", "team", "--dm", "--slack-user", "U0456", "--data-dir", dataDir);

        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("team has no Slack member id to send direct messages to: add --slack-user U…");
        moved.Trim().ShouldBe("team: active, U0456");
    }

    [Theory]
    [InlineData("--slack-user", "alice", "is not a Slack member id")]
    [InlineData("--slack-user", "C0123ABC", "is not a Slack member id")]
    [InlineData("--channel", "#general", "is not a Slack channel id")]
    [InlineData("--channel", "U0456DEF", "is not a Slack channel id")]
    public async Task A_name_where_a_slack_id_belongs_is_a_usage_error_and_stores_no_user(string option, string value, string problem)
    {
        var dataDir = WorkFormatTests.NewDataDir();

        var result = await KonomiCli.RunAsync(["users", "add", "bob", option, value, "--data-dir", dataDir], ct: Ct);
        var users = await KonomiCli.RunAsync(["users", "list", "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(2, result.Output);
        result.Error.ShouldContain($"{option} '{value}' {problem}");
        users.Output.ShouldNotContain("bob");
    }

    [Fact]
    public async Task Users_list_and_status_name_each_stored_profile_the_rules_refuse_and_how_to_fix_it()
    {
        // Stored directly, as an earlier version without today's rules stored them.
        await using var store = TestStore.Sqlite();
        var users = store.Get<IUserStore>();
        await users.UpsertAsync(new UserProfile("alice", SlackUserId: "#general"), Ct);
        await users.UpsertAsync(new UserProfile("bob", SlackUserId: "U0BOB", MaxPerRun: 0), Ct);
        await users.UpsertAsync(new UserProfile("carol", SlackUserId: "U0CAROL", QuietFrom: new TimeOnly(23, 0)), Ct);
        await users.UpsertAsync(new UserProfile("dave", SlackUserId: "U0DAVE"), Ct);
        var dataDir = store.Settings["Storage:DataDirectory"]!;

        var list = await KonomiAsync("users", "list", "--data-dir", dataDir);
        var status = await KonomiAsync("status", "--data-dir", dataDir);

        foreach (var output in new[] { list, status })
        {
            output.ShouldContain("! not notified until fixed: SlackUserId: '#general' is not a Slack member id");
            output.ShouldContain("Fix: `konomi users add alice --slack-user U…`");
            output.ShouldContain("! not notified until fixed: MaxPerRun: 0 is not a number of posts");
            output.ShouldContain("! not notified until fixed: QuietTo: missing");
            output.Split('\n').Count(l => l.Contains("! not notified")).ShouldBe(3);
        }
        var fixedOne = await KonomiCli.RunAsync(["users", "add", "alice", "--slack-user", "U0ALICE", "--data-dir", dataDir], ct: Ct);
        var stillBroken = await KonomiCli.RunAsync(["users", "add", "bob", "--channel", "C0BOB", "--data-dir", dataDir], ct: Ct);
        fixedOne.Error.ShouldBeEmpty();
        stillBroken.Error.ShouldContain("konomi: bob: not notified until fixed: MaxPerRun");
    }

    static async Task<string> KonomiAsync(params string[] args)
    {
        var result = await KonomiCli.RunAsync(args, ct: Ct);
        result.ExitCode.ShouldBe(0, $"konomi {string.Join(' ', args)}\n{result.Error}");
        return result.Output;
    }
}
