using Konomi.Emulators.Slack;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary><c>konomi slack check</c> against the Slack emulator: tokens, scopes, Socket Mode and a test message.</summary>
public class SlackCheckTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Dictionary<string, string?> Environment(SlackEmulator slack) =>
        slack.Settings().ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);

    [Fact]
    public async Task A_set_up_app_passes_every_check_and_the_test_message_reaches_the_member()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);
        var member = slack.AddUser();

        var result = await KonomiCli.RunAsync(["slack", "check", "--to", member], Environment(slack), ct: Ct);

        result.ExitCode.ShouldBe(0, result.Output + result.Error);
        result.Output.ShouldContain("ok    bot token: konomi (U0KONOMIBOT) in Konomi Emulator");
        result.Output.ShouldContain("ok    scopes: chat:write, im:write, channels:history, groups:history, im:history");
        result.Output.ShouldContain("ok    app token: Socket Mode connection granted");
        slack.Calls("auth.test").ShouldBe(1);
        slack.SocketTickets.Count.ShouldBe(1);
        slack.Messages.ShouldHaveSingleItem().Channel.ShouldBe(slack.DirectMessageChannel(member));
    }

    [Fact]
    public async Task A_missing_scope_is_named_and_the_check_exits_1()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);
        slack.BotScopes.Remove("im:write");

        var result = await KonomiCli.RunAsync(["slack", "check"], Environment(slack), ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("FAIL  scopes: missing im:write");
    }

    [Fact]
    public async Task A_missing_history_scope_is_named_since_lost_posts_cannot_be_found_without_it()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);
        slack.BotScopes.Remove("channels:history");

        var result = await KonomiCli.RunAsync(["slack", "check"], Environment(slack), ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("FAIL  scopes: missing channels:history");
    }

    [Fact]
    public async Task Swapped_tokens_are_refused_with_Slacks_error()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);
        var environment = Environment(slack);
        (environment["Slack__BotToken"], environment["Slack__AppToken"]) = (environment["Slack__AppToken"], environment["Slack__BotToken"]);

        var result = await KonomiCli.RunAsync(["slack", "check"], environment, ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("FAIL  bot token: Slack says not_allowed_token_type");
        result.Output.ShouldContain("FAIL  app token: Slack says not_allowed_token_type");
        slack.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_app_manifest_grants_what_the_check_requires_with_Socket_Mode_and_interactivity_on()
    {
        var manifest = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "slack", "manifest.yaml"), Ct);

        manifest.ShouldContain("- chat:write");
        manifest.ShouldContain("- im:write");
        manifest.ShouldContain("- channels:history");
        manifest.ShouldContain("- groups:history");
        manifest.ShouldContain("- im:history");
        manifest.ShouldContain("socket_mode_enabled: true");
        manifest.ShouldMatch(@"interactivity:\s+is_enabled: true");
    }
}
