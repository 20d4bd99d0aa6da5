using System.Text.Json.Nodes;
using Konomi.Emulators.Slack;

namespace Konomi.Slack.Tests;

public sealed class BlockKitTests
{
    [Fact]
    public void Long_text_is_cut_with_an_ellipsis_within_the_limit()
    {
        var cut = BlockKit.Truncate(new string('あ', 200), BlockKit.MaxHeaderText);

        cut.Length.ShouldBe(BlockKit.MaxHeaderText);
        cut.ShouldEndWith("…");
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair_or_an_escaped_entity()
    {
        BlockKit.Truncate("ab😀cd", 4).ShouldBe("ab…");
        BlockKit.Truncate("abc&amp;def", 7).ShouldBe("abc…");
        BlockKit.Truncate("short", 10).ShouldBe("short");
    }

    [Fact]
    public void Mrkdwn_control_characters_are_escaped()
    {
        BlockKit.Escape("<b> & <@U1>").ShouldBe("&lt;b&gt; &amp; &lt;@U1&gt;");
    }

    [Fact]
    public void A_button_keeps_text_within_75_and_refuses_an_oversized_value()
    {
        var button = BlockKit.Button(new string('x', 100), FeedbackActions.Interested, "v", "primary");

        button["text"]!["text"]!.GetValue<string>().Length.ShouldBe(BlockKit.MaxButtonText);
        Should.Throw<ArgumentException>(() => BlockKit.Button("x", FeedbackActions.Interested, new string('v', 2001)));
        Should.Throw<ArgumentException>(() => BlockKit.Button("x", new string('a', 256), "v"));
    }

    [Fact]
    public async Task The_emulator_refuses_what_slack_refuses()
    {
        await using var slack = await SlackEmulator.StartAsync(TestContext.Current.CancellationToken);
        using var services = SlackClients.Create(slack);
        JsonArray tooMany = [.. Enumerable.Range(0, 51).Select(_ => BlockKit.Divider())];
        JsonArray longButton = [new JsonObject
        {
            ["type"] = "actions",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = "a",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('x', 76) },
            }),
        }];

        foreach (var blocks in new[] { tooMany, longButton })
            (await Should.ThrowAsync<SlackApiException>(() => services.Api().PostMessageAsync(slack.GeneralChannel, "x", blocks, ct: TestContext.Current.CancellationToken)))
                .Error.ShouldBe("invalid_blocks");
        slack.Messages.ShouldBeEmpty();
    }
}
