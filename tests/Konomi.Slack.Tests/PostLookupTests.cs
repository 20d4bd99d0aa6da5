using System.Text.Json.Nodes;
using Konomi.Emulators.Slack;

namespace Konomi.Slack.Tests;

/// <summary>
/// chat.postMessage whose answer is lost (a 5xx, a timeout, a reset after Slack took the post) is never retried
/// blindly: with metadata, the channel's history is searched for it first; without, the error goes to the caller.
/// </summary>
public sealed class PostLookupTests : IAsyncLifetime
{
    SlackEmulator _slack = null!;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _slack = await SlackEmulator.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _slack.DisposeAsync();

    static JsonArray Blocks(string text = "hello") => [BlockKit.Section(text)];

    static SlackMetadata Metadata(string id) => new("konomi_test", new JsonObject { ["id"] = id });

    [Fact]
    public async Task A_post_Slack_took_whose_answer_was_a_server_error_is_found_by_its_metadata_and_not_posted_again()
    {
        using var services = SlackClients.Create(_slack);
        _slack.FailNext("chat.postMessage", SlackFault.ServedThenServerError(503));

        var posted = await services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), Metadata("n1"), Ct);

        var message = _slack.Messages.ShouldHaveSingleItem();
        posted.ShouldBe(new PostedMessage(_slack.GeneralChannel, message.Ts));
        _slack.Calls("chat.postMessage").ShouldBe(1);
        _slack.Calls("conversations.history").ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_post_Slack_took_whose_answer_timed_out_is_found_and_not_posted_again()
    {
        // Long enough that a busy machine's emulator has taken the post before the client gives up on its answer:
        // a post the emulator never took is rightly posted again (the test below).
        using var services = SlackClients.Create(_slack, settings: new() { ["Slack:AttemptTimeout"] = "00:00:02" });
        var released = new TaskCompletionSource();
        _slack.FailNext("chat.postMessage", SlackFault.ServedThenHeld(new TaskCompletionSource(), released.Task));

        var posted = await services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), Metadata("n1"), Ct);
        released.SetResult();

        posted.Ts.ShouldBe(_slack.Messages.ShouldHaveSingleItem().Ts);
        _slack.Calls("chat.postMessage").ShouldBe(1);
    }

    [Fact]
    public async Task A_post_refused_before_Slack_took_it_is_not_in_the_history_and_is_posted_once_more()
    {
        using var services = SlackClients.Create(_slack);
        // Another post with other metadata in the same channel is not mistaken for it.
        await services.Api().PostMessageAsync(_slack.GeneralChannel, "other", Blocks(), Metadata("n0"), Ct);
        _slack.FailNext("chat.postMessage", SlackFault.ServerError(502));

        var posted = await services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), Metadata("n1"), Ct);

        _slack.Messages.Select(m => m.Text).ShouldBe(["other", "x"]);
        posted.Ts.ShouldBe(_slack.Messages[1].Ts);
        _slack.Calls("chat.postMessage").ShouldBe(3);
    }

    [Fact]
    public async Task Without_metadata_a_server_error_is_not_retried_since_the_post_may_be_in_the_channel()
    {
        using var services = SlackClients.Create(_slack);
        _slack.FailNext("chat.postMessage", SlackFault.ServedThenServerError());

        var error = await Should.ThrowAsync<SlackApiException>(() => services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), ct: Ct));

        (error.Error, error.Transient, error.MayHaveTakenEffect).ShouldBe(("http_500", true, true));
        _slack.Messages.ShouldHaveSingleItem();
        _slack.Calls("chat.postMessage").ShouldBe(1);
    }

    [Fact]
    public async Task Lost_answers_beyond_the_retry_limit_are_a_transient_error_with_one_post_at_most_per_try()
    {
        using var services = SlackClients.Create(_slack, settings: new() { ["Slack:Retry:MaxAttempts"] = "3" });
        _slack.FailNext("chat.postMessage", SlackFault.ServerError(), times: 3);

        var error = await Should.ThrowAsync<SlackApiException>(() => services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), Metadata("n1"), Ct));

        (error.Error, error.Transient).ShouldBe(("http_500", true));
        _slack.Messages.ShouldBeEmpty();
        (_slack.Calls("chat.postMessage"), _slack.Calls("conversations.history")).ShouldBe((3, 2));
    }

    [Fact]
    public async Task A_failed_look_up_leaves_the_post_unknown_and_transient_rather_than_posting_again()
    {
        using var services = SlackClients.Create(_slack);
        _slack.BotScopes.Remove("channels:history");
        _slack.FailNext("chat.postMessage", SlackFault.ServedThenServerError());

        var error = await Should.ThrowAsync<SlackApiException>(() => services.Api().PostMessageAsync(_slack.GeneralChannel, "x", Blocks(), Metadata("n1"), Ct));

        (error.Method, error.Error, error.Transient).ShouldBe(("chat.postMessage", "http_500", true));
        error.InnerException.ShouldBeOfType<SlackApiException>().Error.ShouldBe("missing_scope");
        _slack.Messages.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task History_reads_every_page_by_cursor_newest_first_with_each_messages_metadata()
    {
        using var services = SlackClients.Create(_slack);
        var since = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1);
        for (var i = 0; i < 5; i++)
            await services.Api().PostMessageAsync(_slack.GeneralChannel, $"m{i}", Blocks(), i == 3 ? null : Metadata($"n{i}"), Ct);
        // Slack may answer fewer messages than asked and says so only by the cursor.
        _slack.HistoryPageSize = 2;

        var history = new List<HistoryMessage>();
        await foreach (var message in services.Api().HistoryAsync(_slack.GeneralChannel, since, Ct))
            history.Add(message);

        history.Select(m => m.Ts).ShouldBe(_slack.Messages.Select(m => m.Ts).Reverse());
        history.Select(m => m.Metadata?.Payload["id"]?.GetValue<string>()).ShouldBe(["n4", null, "n2", "n1", "n0"]);
        _slack.Calls("conversations.history").ShouldBe(3);
    }

    [Fact]
    public async Task History_starts_after_oldest_and_needs_the_history_scope_of_the_conversation_kind()
    {
        using var services = SlackClients.Create(_slack);
        var user = _slack.AddUser();
        var dm = await services.Api().OpenDirectMessageAsync(user, Ct);
        await services.Api().PostMessageAsync(dm, "old", Blocks(), Metadata("old"), Ct);
        var oldest = DateTimeOffset.UtcNow;
        await Task.Delay(20, Ct);
        await services.Api().PostMessageAsync(dm, "new", Blocks(), Metadata("new"), Ct);

        var history = new List<HistoryMessage>();
        await foreach (var message in services.Api().HistoryAsync(dm, oldest, Ct))
            history.Add(message);
        _slack.BotScopes.Remove("im:history");
        var refused = await Should.ThrowAsync<SlackApiException>(async () =>
        {
            await foreach (var _ in services.Api().HistoryAsync(dm, oldest, Ct))
                break;
        });

        history.ShouldHaveSingleItem().Metadata!.Payload["id"]!.GetValue<string>().ShouldBe("new");
        (refused.Method, refused.Error, refused.Transient).ShouldBe(("conversations.history", "missing_scope", false));
    }
}
