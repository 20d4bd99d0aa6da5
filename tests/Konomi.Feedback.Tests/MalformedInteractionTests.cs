using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Konomi.Emulators.Slack;

namespace Konomi.Feedback.Tests;

/// <summary>
/// Correctly signed bodies that are broken beyond the signature: each is answered 400 (or 200 when it is
/// well formed but not a feedback button), never 5xx, and none stores a click.
/// </summary>
public sealed class MalformedInteractionTests : IAsyncLifetime
{
    SlackEmulator _slack = null!;
    FeedbackApp _app = null!;
    PostedWork _work = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackEmulator.StartAsync(Ct);
        _app = await FeedbackApp.HttpModeAsync(_slack);
        _work = await _app.PostWorkAsync("RJ03000001");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    public static TheoryData<string> Breakages => [.. Breaks.Keys];

    static readonly Dictionary<string, Action<JsonObject>> Breaks = new()
    {
        ["no type"] = p => p.Remove("type"),
        ["type is a number"] = p => p["type"] = 7,
        ["no user"] = p => p.Remove("user"),
        ["user id is an object"] = p => p["user"]!["id"] = new JsonObject(),
        ["no actions"] = p => p.Remove("actions"),
        ["empty actions"] = p => p["actions"] = new JsonArray(),
        ["action is a string"] = p => p["actions"] = new JsonArray("click"),
        ["no value"] = p => p["actions"]![0]!.AsObject().Remove("value"),
        ["value with three parts"] = p => p["actions"]![0]!["value"] = "RJ1|alice|m",
        ["value with a bad version"] = p => p["actions"]![0]!["value"] = "RJ1|alice|m|v3",
        ["value is an array"] = p => p["actions"]![0]!["value"] = new JsonArray(),
        ["no action_ts"] = p => p["actions"]![0]!.AsObject().Remove("action_ts"),
        ["action_ts not a time"] = p => p["actions"]![0]!["action_ts"] = "yesterday",
        ["action_ts negative"] = p => p["actions"]![0]!["action_ts"] = "-5.000001",
        ["action_ts beyond year 9999"] = p => p["actions"]![0]!["action_ts"] = "99999999999999.1",
        ["no channel anywhere"] = p => { p.Remove("channel"); p["container"]!.AsObject().Remove("channel_id"); },
        ["no message ts anywhere"] = p => { p["message"]!.AsObject().Remove("ts"); p["container"]!.AsObject().Remove("message_ts"); },
        ["container is an array"] = p => { p["container"] = new JsonArray(); p.Remove("channel"); },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task A_broken_block_actions_payload_is_refused_with_400_and_stores_nothing(string breakage)
    {
        var payload = FeedbackApp.Press(_work, true, DateTimeOffset.UtcNow);
        Breaks[breakage](payload);

        using var response = await _app.Sender.SendAsync(payload, DateTimeOffset.UtcNow, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _app.Labels.ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("payload=")]
    [InlineData("payload=%7B")]
    [InlineData("payload=null")]
    [InlineData("payload=%5B1%2C2%5D")]
    [InlineData("payload=%22text%22")]
    [InlineData("payload=%7B%7D&payload=%7B%7D")]
    [InlineData("notpayload=%7B%7D")]
    [InlineData("payload=%FF%FE")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22type%22%3A%22block_actions%22%7D")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22message%22%3A%5B%5D%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22feedback.interested%22%7D%5D%7D")]
    public async Task A_body_that_is_not_one_json_payload_field_is_refused_with_400(string body)
    {
        using var response = await _app.Sender.SendRawAsync(Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _app.Labels.ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Well_formed_interactions_that_are_not_feedback_buttons_are_answered_and_store_nothing()
    {
        var otherButton = FeedbackApp.Press(_work, true, DateTimeOffset.UtcNow);
        otherButton["actions"]![0]!["action_id"] = "open.details";
        var modal = new JsonObject { ["type"] = "view_submission", ["user"] = new JsonObject { ["id"] = "U1" } };

        (await _app.Sender.SendAsync(otherButton, DateTimeOffset.UtcNow, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.Sender.SendAsync(modal, DateTimeOffset.UtcNow, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _app.Labels.ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Three_hundred_random_mutations_never_crash_the_endpoint_and_refused_ones_store_nothing()
    {
        var random = new Random(20261125);
        var valid = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(FeedbackApp.Press(_work, true, DateTimeOffset.UtcNow).ToJsonString()));
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 300; i++)
        {
            var before = (await _app.Labels.HistoryAsync("alice", _work.WorkId, Ct)).Count + (await _app.Labels.ListAsync(ct: Ct)).Count;
            using var response = await _app.Sender.SendRawAsync(Mutate(valid, random), DateTimeOffset.UtcNow, Ct);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;

            ((int)response.StatusCode).ShouldBeOneOf([200, 400], $"mutation {i}");
            if (response.StatusCode != HttpStatusCode.OK)
                ((await _app.Labels.HistoryAsync("alice", _work.WorkId, Ct)).Count + (await _app.Labels.ListAsync(ct: Ct)).Count).ShouldBe(before, $"mutation {i}");
        }

        statuses.GetValueOrDefault(HttpStatusCode.BadRequest).ShouldBeGreaterThan(150);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}")));
        // Still serving: a good click after the storm is stored.
        var after = await _app.PostWorkAsync("RJ03000002");
        (await _app.Sender.SendAsync(FeedbackApp.Press(after, true, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.Labels.FindAsync("alice", after.WorkId, Ct)).ShouldNotBeNull();
    }

    /// <summary>One to four random edits: flip, insert, delete or overwrite bytes, or cut the body short.</summary>
    static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = valid.ToList();
        for (var edits = random.Next(1, 5); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.Insert(at, (byte)random.Next(256)); break;
                case 2: bytes.RemoveAt(at); break;
                case 3: bytes[at] = (byte)"{}[]\",:%&="[random.Next(10)]; break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return [.. bytes];
    }
}
