using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task A_work_is_stored_once_and_waits_unannounced_with_its_crawl_run()
    {
        var works = Get<IWorkStore>();
        var run = Guid.NewGuid();

        (await works.AddAsync(Sample.Work("RJ01000001"), run, Ct)).ShouldBeTrue();
        (await works.AddAsync(Sample.Work("RJ01000001") with { Title = "changed" }, Guid.NewGuid(), Ct)).ShouldBeFalse();
        (await works.AddAsync(Sample.Work("RJ01000002"), run, Ct)).ShouldBeTrue();

        var unannounced = await works.ListUnannouncedAsync(ct: Ct);
        unannounced.Select(u => (u.Work.Id, u.CrawlRunId)).ShouldBe([("RJ01000001", run), ("RJ01000002", run)]);
        Sample.Json(await works.FindAsync("RJ01000001", Ct)).ShouldBe(Sample.Json(Sample.Work("RJ01000001")));
        (await works.CountAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task An_announced_work_leaves_the_outbox()
    {
        var works = Get<IWorkStore>();
        await works.AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);
        await works.AddAsync(Sample.Work("RJ01000002"), Guid.NewGuid(), Ct);

        await works.MarkAnnouncedAsync("RJ01000001", Ct);

        (await works.ListUnannouncedAsync(ct: Ct)).Select(u => u.Work.Id).ShouldBe(["RJ01000002"]);
        (await works.FindAsync("RJ01000001", Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Announced_works_a_crawl_stored_in_a_time_span_are_listed_newest_first_without_imported_or_unannounced_ones()
    {
        var clock = new FakeTimeProvider(Sample.Noon);
        await using var store = CreateStore(clock)!;
        var works = store.Get<IWorkStore>();
        var (earlier, later) = (Guid.NewGuid(), Guid.NewGuid());
        await works.AddAsync(Sample.Work("RJ01000001"), earlier, Ct);
        await works.MarkAnnouncedAsync("RJ01000001", Ct);
        clock.Advance(TimeSpan.FromHours(2));
        await works.AddAsync(Sample.Work("RJ01000002"), earlier, Ct);
        await works.MarkAnnouncedAsync("RJ01000002", Ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        await works.AddAsync(Sample.Work("RJ01000003"), later, Ct);
        await works.MarkAnnouncedAsync("RJ01000003", Ct);
        await works.AddAsync(Sample.Work("RJ01000004"), later, Ct);   // not announced yet: the crawler's own outbox
        await works.ImportAsync([Sample.Work("RJ01000005")], Ct);      // history: never announced by a crawl
        clock.Advance(TimeSpan.FromMinutes(1));
        await works.AddAsync(Sample.Work("RJ01000006"), later, Ct);   // at the end of the span: not in it
        await works.MarkAnnouncedAsync("RJ01000006", Ct);
        var end = clock.GetUtcNow();

        var span = await works.ListAnnouncedAsync(Sample.Noon.AddHours(1), end, ct: Ct);

        span.Select(w => (w.Work.Id, w.CrawlRunId)).ShouldBe([("RJ01000003", later), ("RJ01000002", earlier)]);
        (await works.ListAnnouncedAsync(Sample.Noon, end, limit: 1, ct: Ct)).Select(w => w.Work.Id).ShouldBe(["RJ01000003"]);
    }

    [Fact]
    public async Task Known_ids_are_the_stored_subset()
    {
        var works = Get<IWorkStore>();
        await works.AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);

        var known = await works.FindKnownAsync(["RJ01000001", "RJ09999999", "RJ01000001"], Ct);

        known.ShouldBe(["RJ01000001"], ignoreOrder: true);
        (await works.FindKnownAsync([], Ct)).ShouldBeEmpty();
        (await works.FindAsync("RJ09999999", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Many_works_are_found_by_id_in_one_call_and_unknown_ids_are_left_out()
    {
        var works = Get<IWorkStore>();
        await works.AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);
        await works.AddAsync(Sample.Work("RJ01000002"), Guid.NewGuid(), Ct);

        var found = await works.FindManyAsync(["RJ01000002", "RJ09999999", "RJ01000001", "RJ01000002"], Ct);

        found.Keys.ShouldBe(["RJ01000001", "RJ01000002"], ignoreOrder: true);
        found["RJ01000002"].Title.ShouldBe((await works.FindAsync("RJ01000002", Ct))!.Title);
        (await works.FindManyAsync([], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Works_list_newest_release_first_and_filter_by_creator_ignoring_case()
    {
        var works = Get<IWorkStore>();
        await works.AddAsync(Sample.Work("RJ01000001", new DateOnly(2026, 9, 1), voiceActor: "Alice Voice"), Guid.NewGuid(), Ct);
        await works.AddAsync(Sample.Work("RJ01000002", new DateOnly(2026, 10, 1)), Guid.NewGuid(), Ct);
        await works.AddAsync(Sample.Work("RJ01000003", new DateOnly(2026, 10, 1), voiceActor: "alice voice"), Guid.NewGuid(), Ct);

        (await works.ListAsync(ct: Ct)).Select(w => w.Id).ShouldBe(["RJ01000003", "RJ01000002", "RJ01000001"]);
        (await works.ListAsync("ALICE", ct: Ct)).Select(w => w.Id).ShouldBe(["RJ01000003", "RJ01000001"]);
        (await works.ListAsync(limit: 1, ct: Ct)).Select(w => w.Id).ShouldBe(["RJ01000003"]);
        (await works.ListAsync("(.*", ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Imported_works_are_history_already_announced_and_a_re_import_adds_nothing()
    {
        var works = Get<IWorkStore>();
        await works.AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);

        (await works.ImportAsync([Sample.Work("RJ01000001"), Sample.Work("RJ01000002")], Ct)).ShouldBe(1);
        (await works.ImportAsync([Sample.Work("RJ01000002")], Ct)).ShouldBe(0);

        (await works.CountAsync(Ct)).ShouldBe(2);
        (await works.ListUnannouncedAsync(ct: Ct)).Select(u => u.Work.Id).ShouldBe(["RJ01000001"]);
    }
}
