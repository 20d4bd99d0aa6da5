using System.Text.Json.Nodes;
using Konomi.Contracts;
using Konomi.Emulators.Slack;
using Konomi.Slack;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Notifier.Tests;

public sealed class WorkMessageTests
{
    static readonly Work Work = new()
    {
        Id = "RJ01234567",
        Title = "耳かき<と>添い寝 & 囁き",
        Circle = "ひだまり工房",
        VoiceActors = ["春野ひより", "秋野もみじ"],
        Genres = ["癒し", "バイノーラル"],
        ReleaseDate = new DateOnly(2025, 6, 1),
        PriceYen = 1320,
        Url = "https://www.dlsite.com/maniax/work/=/product_id/RJ01234567.html",
        ThumbnailUrl = "//img.dlsite.jp/modpub/images2/work/doujin/RJ01235000/RJ01234567_img_main.jpg",
    };

    static readonly WorkScored Verdict = new(Guid.NewGuid(), Work.Id, "me", 0.873, 0.5, true, "logistic", 7,
    [
        new ScoreReason("model", "声優: 春野ひより", 0.2),
        new ScoreReason("preference", "サークル: ひだまり工房", 0.9),
        new ScoreReason("model", "ジャンル: ホラー", -0.5),
        new ScoreReason("similar", "似た作品に 興味あり!", 0.4),
        new ScoreReason("popularity", "人気", 0.1),
    ]);

    static string Text(JsonNode? block) => block!["text"]!["text"]!.GetValue<string>();

    [Fact]
    public void Shows_the_linked_work_its_details_thumbnail_score_top_reasons_and_two_buttons()
    {
        var message = WorkMessage.Single(Work, Verdict);

        message.Text.ShouldBe("耳かき<と>添い寝 & 囁き / ひだまり工房");
        message.Blocks.Count.ShouldBe(3);
        var details = Text(message.Blocks[0]);
        details.ShouldStartWith($"*<{Work.Url}|耳かき&lt;と&gt;添い寝 &amp; 囁き>*");
        details.ShouldContain("サークル: ひだまり工房");
        details.ShouldContain("声優: 春野ひより、秋野もみじ");
        details.ShouldContain("ジャンル: 癒し、バイノーラル");
        details.ShouldContain("発売日: 2025-06-01");
        details.ShouldContain("価格: ¥1,320");
        message.Blocks[0]!["accessory"]!["image_url"]!.GetValue<string>().ShouldBe("https:" + Work.ThumbnailUrl);
        Text(message.Blocks[1]).ShouldBe("*おすすめの理由* (score 0.87)\n• サークル: ひだまり工房\n• 似た作品に 興味あり!\n• 声優: 春野ひより");

        var actions = message.Blocks[2]!;
        actions["block_id"]!.GetValue<string>().ShouldBe("fb:RJ01234567");
        var buttons = actions["elements"]!.AsArray();
        buttons.Select(b => b!["action_id"]!.GetValue<string>()).ShouldBe([FeedbackActions.Interested, FeedbackActions.NotInterested]);
        buttons.Select(b => Text(b)).ShouldBe(["興味あり!", "別に…"]);
        buttons[0]!["style"]!.GetValue<string>().ShouldBe("primary");
        buttons[1]!["style"].ShouldBeNull();
        foreach (var button in buttons)
        {
            FeedbackValue.TryParse(button!["value"]!.GetValue<string>(), out var value).ShouldBeTrue();
            value.ShouldBe(new FeedbackValue(Work.Id, "me", "logistic", 7));
        }
    }

    [Fact]
    public void A_work_without_optional_details_leaves_them_out()
    {
        var bare = new Work { Id = "RJ1", Title = "t", Url = "https://www.dlsite.com/x", ThumbnailUrl = "not a url" };

        var message = WorkMessage.Single(bare, Verdict with { WorkId = "RJ1", Reasons = [] });

        Text(message.Blocks[0]).ShouldBe("*<https://www.dlsite.com/x|t>*");
        message.Blocks[0]!["accessory"].ShouldBeNull();
        Text(message.Blocks[1]).ShouldBe("*おすすめの理由* (score 0.87)");
    }

    [Fact]
    public void An_address_with_spaces_a_bar_or_non_ASCII_links_the_whole_title_to_the_whole_address()
    {
        // In <url|text> Slack ends the address at the first '|' or space: the title would link elsewhere and lose its start.
        var odd = Work with { Url = "https://example.com/作品 1|2.html?q=a b", Title = "A|B" };

        var details = Text(WorkMessage.Single(odd, Verdict).Blocks[0]);

        details.ShouldStartWith("*<https://example.com/%E4%BD%9C%E5%93%81%201%7C2.html?q=a%20b|A|B>*");
    }

    [Fact]
    public async Task Oversized_works_are_truncated_and_still_accepted_by_slack()
    {
        var huge = Work with
        {
            Title = new string('長', 5000),
            Circle = new string('c', 3000),
            VoiceActors = [.. Enumerable.Range(0, 200).Select(i => new string('v', 100) + i)],
            Genres = [.. Enumerable.Range(0, 200).Select(i => new string('g', 500))],
        };
        var verdict = Verdict with { Reasons = [.. Enumerable.Range(0, 50).Select(i => new ScoreReason("model", new string('r', 2000), i))] };
        await using var slack = await SlackEmulator.StartAsync(TestContext.Current.CancellationToken);
        using var services = SlackServices(slack);

        var message = WorkMessage.Single(huge, verdict);
        await services.GetRequiredService<ISlackApi>().PostMessageAsync(slack.GeneralChannel, message.Text, message.Blocks, ct: TestContext.Current.CancellationToken);

        Text(message.Blocks[0]).Length.ShouldBeLessThanOrEqualTo(BlockKit.MaxSectionText);
        Text(message.Blocks[0]).ShouldEndWith("…");
        slack.Messages.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_long_digest_is_split_within_50_blocks_and_every_work_keeps_its_buttons()
    {
        var works = Digest(30);
        await using var slack = await SlackEmulator.StartAsync(TestContext.Current.CancellationToken);
        using var services = SlackServices(slack);

        var parts = DigestMessage.Split(works);

        parts.Count.ShouldBe(3);
        parts.Select(p => p.Works.Count).ShouldBe([12, 12, 6]);
        parts.ShouldAllBe(p => p.Message.Blocks.Count <= BlockKit.MaxBlocks);
        Text(parts[0].Message.Blocks[0]).ShouldBe("好み: あなたが気に入りそうな新作 30 件 (1/3)");
        var blockIds = parts.SelectMany(p => p.Message.Blocks).Select(b => b!["block_id"]?.GetValue<string>()).OfType<string>();
        blockIds.ShouldBe(works.Select(w => "fb:" + w.Work.Id));
        foreach (var part in parts)
            await services.GetRequiredService<ISlackApi>().PostMessageAsync(slack.GeneralChannel, part.Message.Text, part.Message.Blocks, ct: TestContext.Current.CancellationToken);
        slack.Messages.Count.ShouldBe(3);
    }

    [Fact]
    public void Every_part_of_a_split_digest_is_numbered_and_a_part_shown_with_fewer_works_keeps_its_number()
    {
        var works = Digest(30);

        var parts = DigestMessage.Split(works);

        parts.Select(p => Text(p.Message.Blocks[0])).ShouldBe([.. Enumerable.Range(1, 3).Select(n => $"好み: あなたが気に入りそうな新作 30 件 ({n}/3)")]);
        var rest = parts[1].Of(parts[1].Works.Skip(10));
        Text(rest.Blocks[0]).ShouldBe("好み: あなたが気に入りそうな新作 30 件 (2/3)");
        rest.Blocks.Select(b => b!["block_id"]?.GetValue<string>()).OfType<string>().ShouldBe(["fb:" + works[22].Work.Id, "fb:" + works[23].Work.Id]);
        Text(DigestMessage.Split(Digest(3)).ShouldHaveSingleItem().Message.Blocks[0]).ShouldBe("好み: あなたが気に入りそうな新作 3 件");
    }

    [Fact]
    public void A_follow_up_is_headed_as_one_and_counted_and_numbered_on_its_own()
    {
        var parts = DigestMessage.Split(Digest(13), followUp: true);

        parts.Select(p => Text(p.Message.Blocks[0])).ShouldBe(["好み: あなたが気に入りそうな新作 追加 13 件 (1/2)", "好み: あなたが気に入りそうな新作 追加 13 件 (2/2)"]);
        Text(DigestMessage.Split(Digest(1), followUp: true).ShouldHaveSingleItem().Message.Blocks[0]).ShouldBe("好み: あなたが気に入りそうな新作 追加 1 件");
    }

    static List<NotifiedWork> Digest(int count)
    {
        var run = Guid.NewGuid();
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var work = Work with { Id = $"RJ{i:D8}" };
            var entry = new Notification(work.Id, "C1", "me", run, NotificationStatus.Pending, 1, DateTimeOffset.UnixEpoch);
            return new NotifiedWork(entry, work, Verdict with { WorkId = work.Id });
        })];
    }

    static ServiceProvider SlackServices(SlackEmulator slack)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(slack.Settings()).Build());
        services.AddLogging();
        services.AddSlackApi();
        return services.BuildServiceProvider();
    }
}
