using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task Re_click_overwrites_the_current_label_and_both_clicks_stay_in_history()
    {
        var labels = Get<ILabelStore>();

        (await labels.RecordAsync(Sample.Click("c1", interested: true, Sample.Noon), Ct)).ShouldBe(ClickOutcome.Recorded);
        (await labels.RecordAsync(Sample.Click("c2", interested: false, Sample.Noon.AddMinutes(1)), Ct)).ShouldBe(ClickOutcome.Recorded);

        (await labels.FindAsync("u1", "RJ01000001", Ct)).ShouldBe(new Label("u1", "RJ01000001", false, Sample.Noon.AddMinutes(1), "slack"));
        (await labels.HistoryAsync("u1", "RJ01000001", Ct)).Select(c => (c.ClickId, c.Interested)).ShouldBe([("c1", true), ("c2", false)]);
    }

    [Fact]
    public async Task A_duplicate_click_id_is_Duplicate_and_changes_nothing()
    {
        var labels = Get<ILabelStore>();
        await labels.RecordAsync(Sample.Click("c1", interested: true, Sample.Noon), Ct);

        var outcome = await labels.RecordAsync(Sample.Click("c1", interested: false, Sample.Noon.AddMinutes(5)), Ct);

        outcome.ShouldBe(ClickOutcome.Duplicate);
        (await labels.FindAsync("u1", "RJ01000001", Ct))!.Interested.ShouldBeTrue();
        (await labels.HistoryAsync("u1", "RJ01000001", Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_older_click_arriving_late_goes_to_history_but_does_not_overwrite_a_newer_label()
    {
        var labels = Get<ILabelStore>();
        await labels.RecordAsync(Sample.Click("late-but-newer", interested: true, Sample.Noon.AddTicks(10)), Ct);

        (await labels.RecordAsync(Sample.Click("early", interested: false, Sample.Noon), Ct)).ShouldBe(ClickOutcome.Recorded);

        var label = await labels.FindAsync("u1", "RJ01000001", Ct);
        label.ShouldBe(new Label("u1", "RJ01000001", true, Sample.Noon.AddTicks(10), "slack"));
        (await labels.HistoryAsync("u1", "RJ01000001", Ct)).Select(c => c.ClickId).ShouldBe(["early", "late-but-newer"]);
    }

    [Fact]
    public async Task Two_writers_upserting_the_same_label_at_once_end_with_one_label_and_both_clicks()
    {
        var labels = Get<ILabelStore>();
        var first = Sample.Click("writer-1", interested: true, Sample.Noon);
        var second = Sample.Click("writer-2", interested: false, Sample.Noon.AddSeconds(1));

        var outcomes = await Task.WhenAll(
            Task.Run(() => labels.RecordAsync(first, Ct), Ct),
            Task.Run(() => labels.RecordAsync(second, Ct), Ct));

        outcomes.ShouldAllBe(o => o == ClickOutcome.Recorded);
        (await labels.ListAsync("u1", Ct)).ShouldBe([new Label("u1", "RJ01000001", false, Sample.Noon.AddSeconds(1), "slack")]);
        (await labels.HistoryAsync("u1", "RJ01000001", Ct)).Select(c => c.ClickId).ShouldBe(["writer-1", "writer-2"]);
    }

    [Fact]
    public async Task Labels_list_oldest_first_per_user_or_for_everyone()
    {
        var labels = Get<ILabelStore>();
        await labels.RecordAsync(Sample.Click("a", true, Sample.Noon.AddHours(2), user: "u2", work: "RJ01000001"), Ct);
        await labels.RecordAsync(Sample.Click("b", false, Sample.Noon, user: "u1", work: "RJ01000002"), Ct);
        await labels.RecordAsync(Sample.Click("c", true, Sample.Noon.AddHours(1), user: "u1", work: "RJ01000003"), Ct);

        (await labels.ListAsync(ct: Ct)).Select(l => (l.UserId, l.WorkId)).ShouldBe([("u1", "RJ01000002"), ("u1", "RJ01000003"), ("u2", "RJ01000001")]);
        (await labels.ListAsync("u2", Ct)).Select(l => l.WorkId).ShouldBe(["RJ01000001"]);
        (await labels.ListUsersAsync(Ct)).ShouldBe(["u1", "u2"]);
    }

    [Fact]
    public async Task An_import_records_new_clicks_only_so_importing_twice_changes_nothing()
    {
        var labels = Get<ILabelStore>();
        Click[] clicks =
        [
            new("import:1", "u1", "RJ01000001", true, Sample.Noon, "import"),
            new("import:2", "u1", "RJ01000002", false, Sample.Noon.AddMinutes(1), "import"),
        ];

        (await labels.ImportAsync(clicks, Ct)).ShouldBe(2);
        (await labels.ImportAsync(clicks, Ct)).ShouldBe(0);

        (await labels.ListAsync(ct: Ct)).Select(l => (l.WorkId, l.Interested, l.Source)).ShouldBe([("RJ01000001", true, "import"), ("RJ01000002", false, "import")]);
        (await labels.HistoryAsync("u1", "RJ01000001", Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_tally_counts_each_user_s_current_labels_and_likes_and_names_the_newest_label_time()
    {
        var labels = Get<ILabelStore>();
        (await labels.TallyAsync(Ct)).ShouldBeEmpty();
        await labels.RecordAsync(Sample.Click("b1", interested: true, Sample.Noon, user: "u2"), Ct);
        await labels.RecordAsync(Sample.Click("a1", interested: true, Sample.Noon.AddMinutes(1)), Ct);
        await labels.RecordAsync(Sample.Click("a2", interested: true, Sample.Noon.AddMinutes(2), work: "RJ01000002"), Ct);
        // A re-click is one label, not two: the tally counts current labels, not clicks.
        await labels.RecordAsync(Sample.Click("a3", interested: false, Sample.Noon.AddMinutes(3), work: "RJ01000002"), Ct);
        // An older click arriving late changes no current label, so no tally either.
        await labels.RecordAsync(Sample.Click("a0", interested: false, Sample.Noon.AddMinutes(-5)), Ct);
        await labels.RecordAsync(Sample.Click("a4", interested: true, Sample.Noon.AddMinutes(2), work: "RJ01000003"), Ct);
        // A user who liked nothing has a tally with no likes, its newest label a no.
        await labels.RecordAsync(Sample.Click("c1", interested: false, Sample.Noon.AddMinutes(4), user: "u3"), Ct);
        await labels.RecordAsync(Sample.Click("c2", interested: false, Sample.Noon.AddMinutes(5), user: "u3", work: "RJ01000002"), Ct);

        // u1: two yeses and a no (its newest label), so a count of the wrong answer shows.
        (await labels.TallyAsync(Ct)).ShouldBe(
        [
            new LabelTally("u1", 3, 2, Sample.Noon.AddMinutes(3)),
            new LabelTally("u2", 1, 1, Sample.Noon),
            new LabelTally("u3", 2, 0, Sample.Noon.AddMinutes(5)),
        ]);
    }
}
