using System.Diagnostics;
using System.Text.Json.Nodes;
using Konomi.Emulators.Slack;
using Konomi.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace Konomi.Slack.Tests;

public sealed class SlackApiTests : IAsyncLifetime
{
    SlackEmulator _slack = null!;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _slack = await SlackEmulator.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _slack.DisposeAsync();

    static JsonArray Blocks(string text = "hello") => [BlockKit.Section(text)];

    [Fact]
    public async Task Posts_with_the_bot_token_as_json_in_utf8()
    {
        using var services = SlackClients.Create(_slack);

        var posted = await services.Api().PostMessageAsync(_slack.GeneralChannel, "好み", Blocks("新作 *です*"), ct: Ct);

        var message = _slack.Messages.ShouldHaveSingleItem();
        posted.ShouldBe(new PostedMessage(_slack.GeneralChannel, message.Ts));
        message.Text.ShouldBe("好み");
        message.Blocks[0]!["text"]!["text"]!.GetValue<string>().ShouldBe("新作 *です*");
        _slack.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Ok_false_is_an_exception_with_slacks_error_code()
    {
        using var services = SlackClients.Create(_slack);

        var error = await Should.ThrowAsync<SlackApiException>(() => services.Api().PostMessageAsync("C404", "x", Blocks(), ct: Ct));

        error.Error.ShouldBe("channel_not_found");
        error.Method.ShouldBe("chat.postMessage");
        error.Transient.ShouldBeFalse();
    }

    [Fact]
    public async Task A_wrong_bot_token_is_invalid_auth_and_a_missing_one_not_authed()
    {
        using var wrong = SlackClients.Create(_slack, settings: new() { ["Slack:BotToken"] = "xoxb-wrong" });
        using var missing = SlackClients.Create(_slack, settings: new() { ["Slack:BotToken"] = "" });

        (await Should.ThrowAsync<SlackApiException>(() => wrong.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), ct: Ct)))
            .Error.ShouldBe("invalid_auth");
        (await Should.ThrowAsync<SlackApiException>(() => missing.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), ct: Ct)))
            .Error.ShouldBe("not_authed");
        _slack.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_429_is_retried_after_Retry_After_and_posts_once()
    {
        using var services = SlackClients.Create(_slack);
        _slack.FailNext("chat.postMessage", SlackFault.RateLimited(TimeSpan.FromSeconds(1)), times: 2);
        var clock = Stopwatch.StartNew();

        await services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), ct: Ct);

        _slack.Messages.Count.ShouldBe(1);
        _slack.Calls("chat.postMessage").ShouldBe(3);
        // Two waits of Retry-After: 1 (the configured backoff alone would be ~150 ms).
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(1.9));
    }

    [Fact]
    public async Task Rate_limits_beyond_the_retry_limit_are_a_transient_ratelimited_error()
    {
        using var services = SlackClients.Create(_slack, settings: new() { ["Slack:Retry:MaxAttempts"] = "2" });
        _slack.FailNext("chat.postMessage", SlackFault.RateLimited(TimeSpan.FromSeconds(1)), times: 2);

        var error = await Should.ThrowAsync<SlackApiException>(() => services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), ct: Ct));

        error.Error.ShouldBe("ratelimited");
        error.Transient.ShouldBeTrue();
        _slack.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Server_errors_of_other_methods_are_retried_with_a_limit()
    {
        using var services = SlackClients.Create(_slack, settings: new() { ["Slack:Retry:MaxAttempts"] = "3" });
        var posted = await services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), ct: Ct);
        _slack.FailNext("chat.update", SlackFault.ServerError(503), times: 2);
        await services.Api().UpdateMessageAsync(posted.Channel, posted.Ts, "y", Blocks("y"), Ct);
        _slack.FailNext("chat.update", SlackFault.ServerError(), times: 3);

        var error = await Should.ThrowAsync<SlackApiException>(() => services.Api().UpdateMessageAsync(posted.Channel, posted.Ts, "z", Blocks("z"), Ct));

        error.Error.ShouldBe("http_500");
        error.Transient.ShouldBeTrue();
        _slack.Messages.Single().Text.ShouldBe("y");
        _slack.Calls("chat.update").ShouldBe(6);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_is_retried()
    {
        using var services = SlackClients.Create(_slack, settings: new() { ["Slack:AttemptTimeout"] = "00:00:00.300" });
        _slack.FailNext("auth.test", SlackFault.Slow(TimeSpan.FromSeconds(5)));

        await services.Api().AuthTestAsync(Ct);

        _slack.Calls("auth.test").ShouldBe(2);
    }

    [Fact]
    public async Task Transient_ok_false_errors_are_marked_transient()
    {
        using var services = SlackClients.Create(_slack);
        _slack.FailNext("chat.postMessage", SlackFault.Refused("internal_error"));

        (await Should.ThrowAsync<SlackApiException>(() => services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), ct: Ct)))
            .Transient.ShouldBeTrue();
    }

    [Fact]
    public async Task Conversations_open_gives_the_users_dm_channel()
    {
        using var services = SlackClients.Create(_slack);
        var user = _slack.AddUser();

        var channel = await services.Api().OpenDirectMessageAsync(user, Ct);
        await services.Api().PostMessageAsync(channel, "dm", Blocks(), ct: Ct);

        channel.ShouldBe(_slack.DirectMessageChannel(user));
        _slack.Messages.ShouldHaveSingleItem().Channel.ShouldBe(channel);
        (await Should.ThrowAsync<SlackApiException>(() => services.Api().OpenDirectMessageAsync("U-nobody", Ct)))
            .Error.ShouldBe("user_not_found");
    }

    [Fact]
    public async Task Chat_update_replaces_the_blocks_of_a_posted_message()
    {
        using var services = SlackClients.Create(_slack);
        var posted = await services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks("before"), ct: Ct);

        await services.Api().UpdateMessageAsync(posted.Channel, posted.Ts, "x", Blocks("after"), Ct);

        _slack.Messages.ShouldHaveSingleItem().Blocks[0]!["text"]!["text"]!.GetValue<string>().ShouldBe("after");
        (await Should.ThrowAsync<SlackApiException>(() => services.Api().UpdateMessageAsync(posted.Channel, "1.000001", "x", Blocks(), Ct)))
            .Error.ShouldBe("message_not_found");
    }

    [Fact]
    public async Task Socket_connections_open_with_the_app_token_only()
    {
        using var services = SlackClients.Create(_slack);
        using var botOnly = SlackClients.Create(_slack, settings: new() { ["Slack:AppToken"] = _slack.BotToken });

        var url = await services.Api().OpenSocketConnectionAsync(Ct);

        url.Scheme.ShouldBe("ws");
        url.Query.ShouldContain(_slack.SocketTickets.ShouldHaveSingleItem());
        (await Should.ThrowAsync<SlackApiException>(() => botOnly.Api().OpenSocketConnectionAsync(Ct)))
            .Error.ShouldBe("not_allowed_token_type");
    }

    [Fact]
    public async Task A_second_post_to_one_channel_waits_for_the_post_interval_while_other_channels_go_on()
    {
        // An interval no test run reaches: the second post can only be waiting, however busy the machine is.
        using var services = SlackClients.Create(_slack, settings: new() { ["Slack:PostInterval"] = "01:00:00" });
        var other = _slack.AddChannel();
        var api = services.Api();
        await api.PostMessageAsync(_slack.GeneralChannel, "1", Blocks(), ct: Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var second = api.PostMessageAsync(_slack.GeneralChannel, "2", Blocks(), ct: cancel.Token);
        await api.PostMessageAsync(other, "a", Blocks(), ct: Ct);

        second.IsCompleted.ShouldBeFalse();
        _slack.Messages.Select(m => m.Text).Order().ShouldBe(["1", "a"]);
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => second);
        _slack.Messages.Count(m => m.Channel == _slack.GeneralChannel).ShouldBe(1);
    }

    [Fact]
    public async Task Tokens_never_appear_in_logs_or_errors()
    {
        var logs = new FakeLoggerProvider();
        using var services = SlackClients.Create(_slack, logs, new() { ["Slack:Retry:MaxAttempts"] = "2" });
        var api = services.Api();
        var errors = new List<Exception>();
        _slack.FailNext("chat.postMessage", SlackFault.RateLimited(TimeSpan.FromSeconds(1)));
        await api.PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), ct: Ct);
        _slack.FailNext("chat.postMessage", SlackFault.ServerError());
        errors.Add(await Should.ThrowAsync<SlackApiException>(() => api.PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), ct: Ct)));
        errors.Add(await Should.ThrowAsync<SlackApiException>(() => api.PostMessageAsync("C404", "x", Blocks(), ct: Ct)));
        await api.OpenSocketConnectionAsync(Ct);

        logs.Lines().ShouldNotBeEmpty();
        logs.Lines().ShouldContain(l => l.Contains("channel_not_found"));
        logs.Lines().ShouldContain(l => l.Contains("Slack chat.postMessage: HTTP 429; retrying in"));   // one line per retry, by method
        foreach (var line in logs.Lines().Concat(errors.Select(e => e.ToString())))
        {
            line.ShouldNotContain(_slack.BotToken);
            line.ShouldNotContain(_slack.AppToken);
        }
    }
}
