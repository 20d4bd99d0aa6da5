using Konomi.Emulators.Slack;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary><c>konomi slack check</c> against the Slack emulator: tokens, scopes, Socket Mode and a test message.</summary>
public class SlackCheckTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Dictionary<string, string?> Environment(SlackEmulator slack) =>
        slack.Settings().ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);

    /// <summary><c>konomi slack check</c> with the emulator's settings, <paramref name="changes"/> over them (null unsets).</summary>
    static Task<BuiltProgram.Result> CheckAsync(SlackEmulator slack, Dictionary<string, string?> changes, params string[] args)
    {
        var environment = Environment(slack);
        foreach (var (key, value) in changes)
            environment[key] = value;
        return KonomiCli.RunAsync(["slack", "check", .. args], environment, ct: Ct);
    }

    const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

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
    public async Task A_signing_secret_without_the_http_mode_is_no_way_to_hear_clicks_and_the_check_says_what_to_set()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);

        var result = await CheckAsync(slack, new() { ["Slack__AppToken"] = null, ["Slack__SigningSecret"] = SigningSecret });

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("FAIL  app token: Slack:AppToken is not set, so 興味あり!/別に… clicks are not heard in Socket Mode");
        result.Output.ShouldContain("App-Level Tokens → generate one with connections:write");
        result.Output.ShouldContain("or Feedback__Mode=http with Slack__SigningSecret");
    }

    [Fact]
    public async Task The_http_mode_passes_with_a_signing_secret_and_no_app_token()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);

        var result = await CheckAsync(slack, new() { ["Slack__AppToken"] = null, ["Slack__SigningSecret"] = SigningSecret, ["Feedback__Mode"] = "http" });

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("ok    signing secret: set, clicks over HTTP");
        slack.SocketTickets.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_http_mode_without_a_signing_secret_fails_saying_where_the_secret_is()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);

        var result = await CheckAsync(slack, new() { ["Feedback__Mode"] = "http" });

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("FAIL  signing secret: Feedback:Mode is http but Slack:SigningSecret is not set");
        result.Output.ShouldContain("Basic Information → Signing Secret");
    }

    [Fact]
    public async Task A_wrong_bot_token_fails_every_line_it_touches_saying_what_to_do_and_logs_nothing_beside_them()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);
        var member = slack.AddUser();

        var result = await CheckAsync(slack, new() { ["Slack__BotToken"] = "xoxb-not-the-one" }, "--to", member);

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("FAIL  bot token: Slack says invalid_auth (copy the Bot User OAuth Token again");
        result.Output.ShouldContain($"FAIL  test message to {member}: Slack says invalid_auth (copy the Bot User OAuth Token again");
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wrong_app_token_says_to_copy_the_app_level_token_again()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);

        var result = await CheckAsync(slack, new() { ["Slack__AppToken"] = "xapp-1-not-the-one" });

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("FAIL  app token: Slack says invalid_auth (copy the app-level token again: Basic Information → App-Level Tokens)");
    }

    [Fact]
    public async Task A_test_message_to_a_name_instead_of_an_id_says_where_the_ids_are()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);

        var result = await CheckAsync(slack, [], "--to", "general");

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("FAIL  test message to general: Slack says channel_not_found (--to takes a member id, U…");
    }

    [Fact]
    public async Task A_test_message_to_a_channel_without_the_bot_says_to_invite_it()
    {
        await using var slack = await SlackEmulator.StartAsync(Ct);
        var channel = slack.AddChannel(botIsMember: false);

        var result = await CheckAsync(slack, [], "--to", channel);

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain($"FAIL  test message to {channel}: Slack says not_in_channel (invite the bot there: /invite @your-app)");
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
