using Konomi.Storage.Ports;
using Konomi.Storage.Transfer;
using Konomi.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Storage.Tests;

/// <summary>Bad label files: every bad line is reported and nothing is stored.</summary>
public sealed class LabelsCsvTests : IAsyncDisposable
{
    private readonly TestStore _store = TestStore.Sqlite();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_malformed_file_reports_every_bad_line_and_stores_nothing()
    {
        const string file = """
            work_id,user_id,label,labeled_at
            RJ01000001,u1,1,2026-11-01T12:00:00Z
            RJ01000002,u1,yes,2026-11-01T12:00:00Z
            RJ01000003,u1,0
            ,u1,0,2026-11-01T12:00:00Z
            RJ01000004,u1,1,yesterday
            "RJ01000005,u1,1,2026-11-01T12:00:00Z

            RJ01000006,u1,0,2026-11-01T21:00:00+09:00
            """;

        var result = await _store.Get<LabelsCsv>().ImportAsync(new StringReader(file), Ct);

        result.Succeeded.ShouldBeFalse();
        result.Problems.Select(p => p.Line).ShouldBe([3, 4, 5, 6, 7]);
        result.Problems[0].ToString().ShouldBe("line 3: label must be 1 or 0, got 'yes'");
        (await _store.Get<ILabelStore>().ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_file_without_the_header_is_refused()
    {
        var result = await _store.Get<LabelsCsv>().ImportAsync(new StringReader("RJ01000001,u1,1,2026-11-01T12:00:00Z\n"), Ct);

        result.Problems.ShouldHaveSingleItem().Line.ShouldBe(1);
        (await _store.Get<ILabelStore>().ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Times_with_an_offset_are_stored_as_the_same_instant_and_exported_in_UTC()
    {
        const string file = "work_id,user_id,label,labeled_at\nRJ01000001,u1,0,2026-11-01T21:00:00+09:00\n";

        (await _store.Get<LabelsCsv>().ImportAsync(new StringReader(file), Ct)).Added.ShouldBe(1);

        var label = await _store.Get<ILabelStore>().FindAsync("u1", "RJ01000001", Ct);
        label.ShouldBe(new Label("u1", "RJ01000001", false, new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), "import"));
        var writer = new StringWriter { NewLine = "\n" };
        await _store.Get<LabelsCsv>().ExportAsync(writer, Ct);
        writer.ToString().ShouldBe("work_id,user_id,label,labeled_at\nRJ01000001,u1,0,2026-11-01T12:00:00.0000000Z\n");
    }

    [Fact]
    public async Task A_label_dated_in_the_future_is_refused_so_it_cannot_outrank_real_clicks()
    {
        const string file = "work_id,user_id,label,labeled_at\nRJ01000001,u1,1,2026-11-01T12:00:00Z\nRJ01000002,u1,1,2099-01-01T00:00:00Z\n";

        var result = await _store.Get<LabelsCsv>().ImportAsync(new StringReader(file), Ct);

        result.Succeeded.ShouldBeFalse();
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(3);
        problem.Message.ShouldContain("in the future");
        (await _store.Get<ILabelStore>().ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_label_a_few_minutes_ahead_is_taken_as_clock_skew_but_not_beyond()
    {
        var now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var csv = new LabelsCsv(_store.Get<ILabelStore>(), new FakeTimeProvider(now));

        var skewed = await csv.ImportAsync(new StringReader("work_id,user_id,label,labeled_at\nRJ01000001,u1,1,2026-11-01T12:04:59Z\n"), Ct);
        var ahead = await csv.ImportAsync(new StringReader("work_id,user_id,label,labeled_at\nRJ01000002,u1,1,2026-11-01T12:05:01Z\n"), Ct);

        skewed.Added.ShouldBe(1);
        ahead.Problems.ShouldHaveSingleItem().Line.ShouldBe(2);
        (await _store.Get<ILabelStore>().ListAsync(ct: Ct)).Select(l => l.WorkId).ShouldBe(["RJ01000001"]);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
