using Konomi.Storage.Ports;
using Konomi.Storage.Transfer;
using Konomi.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Storage.Tests;

/// <summary>Bad label files: every bad line is reported and nothing is stored. The store knows user u1.</summary>
public sealed class LabelsCsvTests : IAsyncLifetime
{
    private readonly TestStore _store = TestStore.Sqlite();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _store.Get<IUserStore>().UpsertAsync(new UserProfile("u1"), Ct);

    [Fact]
    public async Task Rows_for_a_user_the_store_does_not_know_are_refused_naming_the_user_and_how_to_add_them()
    {
        const string file = "work_id,user_id,label,labeled_at\nRJ01000001,u1,1,2026-11-01T12:00:00Z\nRJ01000002,mee,1,2026-11-01T12:00:00Z\nRJ01000003,mee,0,2026-11-01T12:00:00Z\n";

        var result = await _store.Get<LabelsCsv>().ImportAsync(new StringReader(file), Ct);

        result.Problems.ShouldHaveSingleItem().ToString()
            .ShouldBe("line 3: no user 'mee' (2 rows, first on this line): add it with `konomi users add mee`, or import with --create-users");
        (await _store.Get<ILabelStore>().ListAsync(ct: Ct)).ShouldBeEmpty();
        (await _store.Get<IUserStore>().FindAsync("mee", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Told_to_create_users_it_adds_the_unknown_ones_and_takes_their_labels_but_never_a_malformed_id()
    {
        const string file = "work_id,user_id,label,labeled_at\nRJ01000001,alice,1,2026-11-01T12:00:00Z\n";
        const string malformed = "work_id,user_id,label,labeled_at\nRJ01000001,\"a,b\",1,2026-11-01T12:00:00Z\n";

        var created = await _store.Get<LabelsCsv>().ImportAsync(new StringReader(file), Ct, createUsers: true);
        var refused = await _store.Get<LabelsCsv>().ImportAsync(new StringReader(malformed), Ct, createUsers: true);

        created.Added.ShouldBe(1);
        created.Notes!.ShouldContain(n => n.StartsWith("created users alice"));
        (await _store.Get<IUserStore>().FindAsync("alice", Ct)).ShouldNotBeNull();
        refused.Problems.ShouldHaveSingleItem().Message.ShouldContain("'a,b' is not a user id");
        (await _store.Get<IUserStore>().FindAsync("a,b", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task An_export_read_back_into_its_own_store_adds_no_click_and_keeps_each_label_s_source()
    {
        await _store.Get<ILabelStore>().RecordAsync(new Click("annotator:u1:RJ01000001:1", "u1", "RJ01000001", true, Sample.Noon, "annotator"), Ct);
        var export = new StringWriter { NewLine = "\n" };
        await _store.Get<LabelsCsv>().ExportAsync(export, Ct);

        var again = await _store.Get<LabelsCsv>().ImportAsync(new StringReader(export.ToString()), Ct);

        (again.Rows, again.Added).ShouldBe((1, 0));
        (await _store.Get<ILabelStore>().HistoryAsync("u1", "RJ01000001", Ct)).Count.ShouldBe(1);
        (await _store.Get<ILabelStore>().FindAsync("u1", "RJ01000001", Ct))!.Source.ShouldBe("annotator");
    }

    [Fact]
    public async Task The_same_label_at_the_same_time_with_the_other_answer_is_refused_naming_both_lines()
    {
        const string file = "work_id,user_id,label,labeled_at\nRJ01000001,u1,1,2026-11-01T12:00:00Z\nRJ01000001,u1,1,2026-11-01T12:00:00Z\nRJ01000001,u1,0,2026-11-01T12:00:00Z\n";

        var result = await _store.Get<LabelsCsv>().ImportAsync(new StringReader(file), Ct);

        result.Problems.ShouldHaveSingleItem().ToString().ShouldBe("line 4: u1's label of RJ01000001 at the same time as line 2 says the other answer");
        (await _store.Get<ILabelStore>().ListAsync(ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_row_at_the_stored_labels_time_with_the_other_answer_is_refused_and_the_label_kept()
    {
        await _store.Get<ILabelStore>().RecordAsync(new Click("annotator:u1:RJ01000001:0", "u1", "RJ01000001", false, Sample.Noon, "annotator"), Ct);
        var file = $"work_id,user_id,label,labeled_at\nRJ01000001,u1,1,{Sample.Noon.UtcDateTime:O}\n";

        var result = await _store.Get<LabelsCsv>().ImportAsync(new StringReader(file), Ct);

        result.Problems.ShouldHaveSingleItem().ToString().ShouldBe("line 2: u1's label of RJ01000001 at the same time as the stored one says the other answer");
        (await _store.Get<ILabelStore>().FindAsync("u1", "RJ01000001", Ct))!.Interested.ShouldBeFalse();
        (await _store.Get<ILabelStore>().HistoryAsync("u1", "RJ01000001", Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Labels_of_works_not_stored_are_taken_with_a_note_that_the_trainer_waits_for_them()
    {
        await _store.Get<IWorkStore>().AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);
        const string file = "work_id,user_id,label,labeled_at\nRJ01000001,u1,1,2026-11-01T12:00:00Z\nRJ01000002,u1,0,2026-11-01T12:00:00Z\nRJ01000003,u1,0,2026-11-01T12:00:00Z\n";

        var result = await _store.Get<LabelsCsv>().ImportAsync(new StringReader(file), Ct);

        result.Added.ShouldBe(3);
        result.Notes!.ShouldHaveSingleItem().ShouldStartWith("2 of 3 labelled works are not stored");
    }

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
    public async Task A_broken_quote_is_reported_on_its_own_line_only()
    {
        const string file = "work_id,user_id,label,labeled_at\nRJ01000001,u1,1,2026-11-01T12:00:00Z\nRJ\"01000002,u1,1,2026-11-01T12:00:00Z\n";

        var result = await _store.Get<LabelsCsv>().ImportAsync(new StringReader(file), Ct);

        // The CSV reader sees the row alone, so its own "line 1" would contradict the line the problem names.
        result.Problems.ShouldHaveSingleItem().ToString().ShouldBe(
            "line 3: expected 4 fields (work_id,user_id,label,labeled_at), got a broken quote: a quote inside an unquoted field (quote the field and double the quote)");
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
        var csv = new LabelsCsv(_store.Get<ILabelStore>(), _store.Get<IUserStore>(), _store.Get<IWorkStore>(), new FakeTimeProvider(now));

        var skewed = await csv.ImportAsync(new StringReader("work_id,user_id,label,labeled_at\nRJ01000001,u1,1,2026-11-01T12:04:59Z\n"), Ct);
        var ahead = await csv.ImportAsync(new StringReader("work_id,user_id,label,labeled_at\nRJ01000002,u1,1,2026-11-01T12:05:01Z\n"), Ct);

        skewed.Added.ShouldBe(1);
        ahead.Problems.ShouldHaveSingleItem().Line.ShouldBe(2);
        (await _store.Get<ILabelStore>().ListAsync(ct: Ct)).Select(l => l.WorkId).ShouldBe(["RJ01000001"]);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
