using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Storage.Tests;

/// <summary>
/// Several workers over one store (the feedback service, the web app, replicas): each pending follow-up is done
/// by the one holding its lease, a dead one's lease runs out, and a (user, work)'s clicks stay with one worker.
/// </summary>
public abstract partial class StoreContract
{
    static readonly TimeSpan FollowUpLease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_claimed_follow_up_is_held_from_other_workers_until_its_lease_runs_out_and_only_its_holder_completes_it()
    {
        var clock = new FakeTimeProvider(Sample.Noon);
        await using var store = CreateStore(clock)!;
        var labels = store.Get<ILabelStore>();
        await labels.RecordAsync(Sample.Click("c2", interested: true, Sample.Noon.AddMinutes(1), work: "RJ01000002"), "redraw c2", Ct);
        await labels.RecordAsync(Sample.Click("c1", interested: true, Sample.Noon), "redraw c1", Ct);

        (await labels.ClaimFollowUpsAsync("a", Sample.Noon + FollowUpLease, Ct)).Claimed.ShouldBe([new("c1", "redraw c1"), new("c2", "redraw c2")]);
        var held = await labels.ClaimFollowUpsAsync("b", Sample.Noon + FollowUpLease, Ct);
        (held.Claimed.Count, held.HeldElsewhereUntil).ShouldBe((0, Sample.Noon + FollowUpLease));
        (await labels.RenewFollowUpAsync("c1", "b", Sample.Noon + FollowUpLease, Ct)).ShouldBeFalse();
        (await labels.CompleteFollowUpAsync("c1", "b", Ct)).ShouldBeFalse();

        // a keeps c1 renewed while it works on it and dies before c2: only c2's lease runs out.
        clock.Advance(FollowUpLease / 2);
        (await labels.RenewFollowUpAsync("c1", "a", clock.GetUtcNow() + FollowUpLease, Ct)).ShouldBeTrue();
        clock.Advance(FollowUpLease / 2);
        var runOut = await labels.ClaimFollowUpsAsync("b", clock.GetUtcNow() + FollowUpLease, Ct);
        runOut.Claimed.ShouldBe([new("c2", "redraw c2")]);
        runOut.HeldElsewhereUntil.ShouldBe(Sample.Noon + 1.5 * FollowUpLease);
        (await labels.CompleteFollowUpAsync("c2", "a", Ct)).ShouldBeFalse();
        (await labels.CompleteFollowUpAsync("c2", "b", Ct)).ShouldBeTrue();
        (await labels.CompleteFollowUpAsync("c1", "a", Ct)).ShouldBeTrue();

        (await labels.ListPendingFollowUpsAsync(Ct)).ShouldBeEmpty();
        var none = await labels.ClaimFollowUpsAsync("b", clock.GetUtcNow() + FollowUpLease, Ct);
        (none.Claimed.Count, none.HeldElsewhereUntil).ShouldBe((0, null));
    }

    [Fact]
    public async Task A_later_click_on_a_work_whose_earlier_click_another_worker_holds_waits_for_that_worker()
    {
        var clock = new FakeTimeProvider(Sample.Noon);
        await using var store = CreateStore(clock)!;
        var labels = store.Get<ILabelStore>();
        var until = Sample.Noon + FollowUpLease;
        await labels.RecordAsync(Sample.Click("first", interested: true, Sample.Noon), "redraw first", Ct);
        (await labels.ClaimFollowUpsAsync("a", until, Ct)).Claimed.Select(f => f.ClickId).ShouldBe(["first"]);
        await labels.RecordAsync(Sample.Click("again", interested: false, Sample.Noon.AddMinutes(2)), "redraw again", Ct);
        await labels.RecordAsync(Sample.Click("other", interested: true, Sample.Noon.AddMinutes(1), work: "RJ01000002"), "redraw other", Ct);

        (await labels.ClaimFollowUpsAsync("b", until, Ct)).Claimed.Select(f => f.ClickId).ShouldBe(["other"]);

        // Once a has done the first click, the re-click is free, and goes after the claimant's own in click order.
        (await labels.CompleteFollowUpAsync("first", "a", Ct)).ShouldBeTrue();
        (await labels.ClaimFollowUpsAsync("b", until, Ct)).Claimed.Select(f => f.ClickId).ShouldBe(["other", "again"]);
    }

    [Fact]
    public async Task A_stopping_worker_gives_back_the_follow_ups_it_holds_at_once_and_leaves_another_workers_alone()
    {
        var clock = new FakeTimeProvider(Sample.Noon);   // never advanced: no lease runs out
        await using var store = CreateStore(clock)!;
        var labels = store.Get<ILabelStore>();
        var until = Sample.Noon + FollowUpLease;
        await labels.RecordAsync(Sample.Click("done", interested: true, Sample.Noon), "redraw done", Ct);
        await labels.RecordAsync(Sample.Click("left", interested: true, Sample.Noon.AddMinutes(1), work: "RJ01000002"), "redraw left", Ct);
        (await labels.ClaimFollowUpsAsync("a", until, Ct)).Claimed.Count.ShouldBe(2);
        await labels.RecordAsync(Sample.Click("theirs", interested: true, Sample.Noon.AddMinutes(2), work: "RJ01000003"), "redraw theirs", Ct);
        (await labels.ClaimFollowUpsAsync("b", until, Ct)).Claimed.Select(f => f.ClickId).ShouldBe(["theirs"]);
        (await labels.CompleteFollowUpAsync("done", "a", Ct)).ShouldBeTrue();

        (await labels.ReleaseFollowUpsAsync("a", Ct)).ShouldBe(1);

        var claim = await labels.ClaimFollowUpsAsync("b", until, Ct);
        claim.Claimed.Select(f => f.ClickId).ShouldBe(["left", "theirs"]);
        claim.HeldElsewhereUntil.ShouldBeNull();
        (await labels.CompleteFollowUpAsync("left", "a", Ct)).ShouldBeFalse();
        (await labels.ReleaseFollowUpsAsync("a", Ct)).ShouldBe(0);
        (await labels.ListPendingFollowUpsAsync(Ct)).Select(f => f.ClickId).ShouldBe(["left", "theirs"]);
    }

    [Fact]
    public async Task Of_two_workers_claiming_at_once_each_follow_up_goes_to_exactly_one()
    {
        var labels = Get<ILabelStore>();
        for (var i = 0; i < 20; i++)
            await labels.RecordAsync(Sample.Click($"c{i:D2}", interested: true, Sample.Noon.AddSeconds(i), work: $"RJ010000{i:D2}"), $"redraw {i}", Ct);
        var until = DateTimeOffset.UtcNow + FollowUpLease;

        var claims = await Task.WhenAll(
            Task.Run(() => labels.ClaimFollowUpsAsync("a", until, Ct), Ct),
            Task.Run(() => labels.ClaimFollowUpsAsync("b", until, Ct), Ct));

        var claimed = claims.SelectMany(c => c.Claimed).Select(f => f.ClickId).ToList();
        claimed.ShouldBe(Enumerable.Range(0, 20).Select(i => $"c{i:D2}"), ignoreOrder: true);
        claimed.Distinct().Count().ShouldBe(20);
    }
}
