using Konomi.Emulators.Slack;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Notifier.Tests;

public sealed class ThumbnailTests : NotifierScene
{
    [Fact]
    public async Task A_work_whose_thumbnail_Slack_cannot_download_is_posted_without_it_and_a_warning_says_so()
    {
        await AddMeAsync();
        var work = SampleWorks.Create(0) with { ThumbnailUrl = "//img.dlsite.jp/modpub/images2/work/doujin/RJ01000001_img_main.jpg" };
        await _store.Get<IWorkStore>().AddAsync(work, _run, Ct);
        _slack.MakeImagesUnreachable("img.dlsite.jp");
        var logs = new FakeLoggerProvider();
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock, logs: logs);

        await notifier.DeliverAsync(await _store.LikedAsync(work, "me", _run));

        logs.Collector.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).ShouldHaveSingleItem()
            .Message.ShouldContain("posted again without its images");
        var message = _slack.Messages.ShouldHaveSingleItem();
        message.Blocks[0]!["accessory"].ShouldBeNull();
        message.Blocks[0]!["text"]!["text"]!.GetValue<string>().ShouldContain(work.Title);
        _slack.Calls("chat.postMessage").ShouldBe(2);
        var entry = (await _store.LedgerAsync()).ShouldHaveSingleItem();
        (entry.Status, entry.MessageTs).ShouldBe((NotificationStatus.Sent, message.Ts));
    }

    [Fact]
    public async Task A_reachable_thumbnail_is_shown()
    {
        await AddMeAsync();
        var work = SampleWorks.Create(0) with { ThumbnailUrl = "//img.dlsite.jp/modpub/images2/work/doujin/RJ01000001_img_main.jpg" };
        await _store.Get<IWorkStore>().AddAsync(work, _run, Ct);
        await using var notifier = await NotifierHost.StartAsync(_store, _slack, _clock);

        await notifier.DeliverAsync(await _store.LikedAsync(work, "me", _run));

        _slack.Messages.ShouldHaveSingleItem().Blocks[0]!["accessory"]!["image_url"]!.GetValue<string>().ShouldStartWith("https://img.dlsite.jp/");
        _slack.Calls("chat.postMessage").ShouldBe(1);
    }
}
