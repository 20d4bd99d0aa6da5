using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi users add|list</c>: only what is given changes.</summary>
public sealed class UsersCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_address_keeps_an_inactive_user_inactive()
    {
        var dataDir = WorkFormatTests.NewDataDir();
        await KonomiAsync("users", "add", "bob", "--channel", "C0123", "--inactive", "--data-dir", dataDir);

        var edited = await KonomiAsync("users", "add", "bob", "--slack-user", "U0456", "--data-dir", dataDir);
        var woken = await KonomiAsync("users", "add", "bob", "--active", "--data-dir", dataDir);

        edited.Trim().ShouldBe("bob: inactive, C0123");
        woken.Trim().ShouldBe("bob: active, C0123");
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

    static async Task<string> KonomiAsync(params string[] args)
    {
        var result = await KonomiCli.RunAsync(args, ct: Ct);
        result.ExitCode.ShouldBe(0, $"konomi {string.Join(' ', args)}\n{result.Error}");
        return result.Output;
    }
}
