using System.Net;
using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;

namespace Konomi.Feedback.Tests;

/// <summary>A click belongs to the person who pressed, whatever user the button names, on both paths.</summary>
public sealed class ClickAttributionTests : IAsyncLifetime
{
    const string Attacker = "UATTACKER";

    SlackEmulator _slack = null!;
    FeedbackApp _http = null!;
    FeedbackApp _socket = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackEmulator.StartAsync(Ct);
        _http = await FeedbackApp.HttpModeAsync(_slack);
        _socket = await FeedbackApp.SocketModeAsync(_slack);
        await _slack.WaitForSocketConnectionsAsync(1, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _socket.DisposeAsync();
        await _http.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Theory]
    [InlineData("http")]
    [InlineData("socket")]
    public async Task Someone_elses_click_goes_to_their_own_inactive_profile_and_leaves_the_owners_label_alone(string path)
    {
        var app = path == "http" ? _http : _socket;
        var work = await app.PostWorkAsync("RJ05000001");
        var ownerAt = DateTimeOffset.UtcNow.AddSeconds(-10);
        await PressAsync(app, FeedbackApp.Press(work, interested: true, ownerAt));
        await Eventually.HoldsAsync(() => app.Published.Count == 1 && _slack.Updates.Count == 1, "the owner's click followed up");

        await PressAsync(app, FeedbackApp.Press(work, interested: false, DateTimeOffset.UtcNow, slackUser: Attacker));

        var own = await app.Get<IUserStore>().FindAsync(ClickOwner.OwnUserId(Attacker), Ct);
        own.ShouldNotBeNull();
        (own.SlackUserId, own.Active).ShouldBe((Attacker, false));
        (await app.Labels.FindAsync(own.UserId, work.WorkId, Ct))!.Interested.ShouldBeFalse();
        var alices = await app.Labels.FindAsync("alice", work.WorkId, Ct);
        (alices!.Interested, alices.LabeledAt.ToUnixTimeMilliseconds()).ShouldBe((true, ownerAt.ToUnixTimeMilliseconds()));
        (await app.Labels.HistoryAsync("alice", work.WorkId, Ct)).Count.ShouldBe(1);

        await Eventually.HoldsAsync(() => _slack.Ephemeral.Count == 1 && app.Published.Count == 2, "the clicker told, their FeedbackReceived out");
        var notice = _slack.Ephemeral.Single();
        (notice.Channel, notice.User).ShouldBe((work.Channel, Attacker));
        notice.Text.ShouldContain($"counts for your own Konomi profile `{own.UserId}` instead (not active yet: for your own recommendations, ask whoever runs Konomi to run `konomi users add {own.UserId} --active`)");
        app.Published.Select(p => (p.UserId, p.Interested)).ShouldBe([("alice", true), (own.UserId, false)]);
        // The shared message still shows the owner's choice: only the owner's click redrew it.
        _slack.Updates.Count.ShouldBe(1);
        FeedbackApp.ChoiceShown(_slack.Messages.Single(m => m.Ts == work.Ts).Blocks, work.WorkId)!.ShouldContain(FeedbackApp.AliceSlackId);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("socket")]
    public async Task A_button_for_an_unknown_user_stores_nothing_and_tells_the_clicker(string path)
    {
        var app = path == "http" ? _http : _socket;
        var work = await app.PostWorkAsync("RJ05000002", userId: "ghost");

        await PressAsync(app, FeedbackApp.Press(work, interested: true, DateTimeOffset.UtcNow));

        await Eventually.HoldsAsync(() => _slack.Ephemeral.Count == 1, "the clicker told");
        (await app.Labels.ListAsync(ct: Ct)).ShouldBeEmpty();
        (await app.Get<IUserStore>().FindAsync("ghost", Ct)).ShouldBeNull();
        (await app.Labels.ListPendingFollowUpsAsync(Ct)).ShouldBeEmpty();
        app.Published.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_owners_click_is_theirs_and_nobody_is_told_anything()
    {
        var work = await _http.PostWorkAsync("RJ05000003");

        await PressAsync(_http, FeedbackApp.Press(work, interested: true, DateTimeOffset.UtcNow));

        await Eventually.HoldsAsync(() => _http.Published.Count == 1 && _slack.Updates.Count == 1, "followed up");
        (await _http.Labels.FindAsync("alice", work.WorkId, Ct)).ShouldNotBeNull();
        (await _http.Get<IUserStore>().ListAsync(Ct)).Select(u => u.UserId).ShouldBe(["alice"]);
        _slack.Ephemeral.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http")]
    [InlineData("socket")]
    public async Task A_click_by_the_person_a_message_was_for_is_theirs_though_another_profile_shares_their_slack_id(string path)
    {
        var app = path == "http" ? _http : _socket;
        // One person, two profiles (say a DM one and a channel one); "after-hours" sorts before alice.
        await app.Get<IUserStore>().UpsertAsync(new UserProfile("after-hours", SlackUserId: FeedbackApp.AliceSlackId), Ct);
        var work = await app.PostWorkAsync("RJ05000004");

        await PressAsync(app, FeedbackApp.Press(work, interested: true, DateTimeOffset.UtcNow));

        await Eventually.HoldsAsync(() => app.Published.Count == 1, "published");
        (app.Published.Single().UserId, (await app.Labels.FindAsync("alice", work.WorkId, Ct))?.Interested).ShouldBe(("alice", true));
        (await app.Labels.FindAsync("after-hours", work.WorkId, Ct)).ShouldBeNull();
        await Eventually.HoldsAsync(() => _slack.Updates.Count == 1, "the message redrawn");
        _slack.Ephemeral.ShouldBeEmpty();
    }

    async Task PressAsync(FeedbackApp app, System.Text.Json.Nodes.JsonObject press)
    {
        if (app == _http)
        {
            using var response = await app.Sender.SendAsync(press, DateTimeOffset.UtcNow, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return;
        }
        var envelope = await _slack.PushInteractionAsync(press, Ct);
        await _slack.WaitForSocketAckAsync(envelope, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }
}
