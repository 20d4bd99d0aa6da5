using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Storage.Tests;

/// <summary>A click and its label must not part: a failure between the two writes is repaired by the redelivery.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task A_redelivered_click_whose_label_write_failed_ends_with_its_label()
    {
        var labels = Get<ILabelStore>();
        var click = Sample.Click("c1", interested: true, Sample.Noon);

        await using (await BreakLabelWritesAsync())
            await Should.ThrowAsync<Exception>(() => labels.RecordAsync(click, Ct));
        await labels.RecordAsync(click, Ct);

        (await labels.FindAsync("u1", "RJ01000001", Ct)).ShouldBe(new Label("u1", "RJ01000001", true, Sample.Noon, "slack"));
        (await labels.HistoryAsync("u1", "RJ01000001", Ct)).Select(c => c.ClickId).ShouldBe(["c1"]);
        (await labels.ListUsersAsync(Ct)).ShouldBe(["u1"]);
    }

    [Fact]
    public async Task Repairing_an_older_redelivered_click_does_not_overwrite_a_newer_label()
    {
        var labels = Get<ILabelStore>();
        await labels.RecordAsync(Sample.Click("old", interested: true, Sample.Noon), Ct);
        await labels.RecordAsync(Sample.Click("new", interested: false, Sample.Noon.AddMinutes(1)), Ct);

        (await labels.RecordAsync(Sample.Click("old", interested: true, Sample.Noon), Ct)).ShouldBe(ClickOutcome.Duplicate);

        (await labels.FindAsync("u1", "RJ01000001", Ct))!.Interested.ShouldBeFalse();
    }

    [Fact]
    public async Task A_follow_up_stays_pending_with_its_click_until_completed()
    {
        var labels = Get<ILabelStore>();

        (await labels.RecordAsync(Sample.Click("c2", interested: true, Sample.Noon.AddMinutes(1)), "redraw c2", Ct)).ShouldBe(ClickOutcome.Recorded);
        (await labels.RecordAsync(Sample.Click("c1", interested: true, Sample.Noon), "redraw c1", Ct)).ShouldBe(ClickOutcome.Recorded);
        await labels.RecordAsync(Sample.Click("no-follow-up", interested: true, Sample.Noon), Ct);

        (await labels.ListPendingFollowUpsAsync(Ct)).ShouldBe([new("c1", "redraw c1"), new("c2", "redraw c2")]);

        (await labels.ClaimFollowUpsAsync("worker", DateTimeOffset.UtcNow.AddMinutes(1), Ct)).Claimed.ShouldBe([new("c1", "redraw c1"), new("c2", "redraw c2")]);
        (await labels.CompleteFollowUpAsync("c1", "worker", Ct)).ShouldBeTrue();

        (await labels.ListPendingFollowUpsAsync(Ct)).ShouldBe([new("c2", "redraw c2")]);
    }

    [Fact]
    public async Task A_redelivered_click_keeps_its_one_follow_up_and_does_not_revive_a_completed_one()
    {
        var labels = Get<ILabelStore>();
        await labels.RecordAsync(Sample.Click("c1", interested: true, Sample.Noon), "first", Ct);

        (await labels.RecordAsync(Sample.Click("c1", interested: true, Sample.Noon), "second", Ct)).ShouldBe(ClickOutcome.Duplicate);
        (await labels.ListPendingFollowUpsAsync(Ct)).ShouldBe([new("c1", "first")]);

        await labels.ClaimFollowUpsAsync("worker", DateTimeOffset.UtcNow.AddMinutes(1), Ct);
        await labels.CompleteFollowUpAsync("c1", "worker", Ct);
        await labels.RecordAsync(Sample.Click("c1", interested: true, Sample.Noon), "third", Ct);

        (await labels.ListPendingFollowUpsAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_click_whose_label_write_failed_keeps_its_follow_up_after_the_redelivery()
    {
        var labels = Get<ILabelStore>();
        var click = Sample.Click("c1", interested: true, Sample.Noon);

        await using (await BreakLabelWritesAsync())
            await Should.ThrowAsync<Exception>(() => labels.RecordAsync(click, "redraw", Ct));
        await labels.RecordAsync(click, "redraw", Ct);

        (await labels.ListPendingFollowUpsAsync(Ct)).ShouldBe([new("c1", "redraw")]);
        (await labels.FindAsync("u1", "RJ01000001", Ct)).ShouldNotBeNull();
    }
}
