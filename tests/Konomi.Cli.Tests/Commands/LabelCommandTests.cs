using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

public class LabelCommandTests
{
    [Fact]
    public async Task A_store_filled_by_an_import_alone_is_labelled_as_the_default_user_me_but_never_as_a_typo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        await store.Get<IWorkStore>().ImportAsync(SampleWorks.Range(0, 3), ct);
        var dataDir = store.Settings["Storage:DataDirectory"]!;

        var typo = await KonomiCli.RunAsync(["label", "--user", "mee", "--data-dir", dataDir], standardInput: "y\n", ct: ct);
        var me = await KonomiCli.RunAsync(["label", "--data-dir", dataDir], standardInput: "y\nq\n", ct: ct);

        typo.ExitCode.ShouldBe(1);
        typo.Error.ShouldContain("no user 'mee'");
        me.ExitCode.ShouldBe(0, me.Error);
        (await store.Get<IUserStore>().ListAsync(ct)).Select(u => u.UserId).ShouldBe(["me"]);
        (await store.Get<ILabelStore>().ListAsync("me", ct)).ShouldHaveSingleItem().Interested.ShouldBeTrue();
    }

    [Fact]
    public async Task Labelling_from_a_closed_stdin_ends_as_at_the_end_of_the_input_and_saves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        await store.Get<IWorkStore>().ImportAsync(SampleWorks.Range(0, 3), ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("ann"), ct);

        var result = await KonomiCli.RunWithStandardInputClosedAsync(["label", "--user", "ann", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct);

        result.ExitCode.ShouldBe(0, result.Error);
        (await store.Get<ILabelStore>().ListAsync("ann", ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Answers_read_from_the_input_stream_are_saved_at_once_and_a_second_session_resumes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        await store.Get<IWorkStore>().ImportAsync(SampleWorks.Range(0, 6), ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("ann"), ct);
        var pool = await store.Get<IWorkStore>().ListAsync(null, 200, ct);
        string[] args = ["label", "--user", "ann", "--data-dir", store.Settings["Storage:DataDirectory"]!];

        // like, not, skip, like, undo (back to the 4th), not, then an unknown key and quit.
        var first = await KonomiCli.RunAsync(args, standardInput: "y\nn\ns\ny\nu\nn\nx\nq\n", ct: ct);
        var second = await KonomiCli.RunAsync(args, standardInput: "y\n", ct: ct);

        first.ExitCode.ShouldBe(0, first.Error);
        second.ExitCode.ShouldBe(0, second.Error);
        first.Output.ShouldContain(pool[0].Title);
        first.Output.ShouldContain("興味あり 1  別に 2  skipped 1");
        var labels = (await store.Get<ILabelStore>().ListAsync("ann", ct)).ToDictionary(l => l.WorkId);
        labels[pool[0].Id].Interested.ShouldBeTrue();
        labels[pool[1].Id].Interested.ShouldBeFalse();
        labels[pool[3].Id].Interested.ShouldBeFalse("the answer after undo replaces the first one");
        labels[pool[2].Id].Interested.ShouldBeTrue("the skipped work is asked first in the next session");
        labels.Count.ShouldBe(4);
        labels.Values.ShouldAllBe(l => l.Source == "annotator");
        (await store.Get<ILabelStore>().HistoryAsync("ann", pool[3].Id, ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_unknown_key_says_which_keys_answer_and_labels_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        await store.Get<IWorkStore>().ImportAsync(SampleWorks.Range(0, 2), ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("ann"), ct);

        var result = await KonomiCli.RunAsync(["label", "--user", "ann", "--data-dir", store.Settings["Storage:DataDirectory"]!], standardInput: "x\nq\n", ct: ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("Not an answer: press y, n, s, u or q.");
        (await store.Get<ILabelStore>().ListAsync("ann", ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(0, 1)]
    public async Task The_first_screen_asks_about_every_circle_before_the_newest_series(int firstScreen, int circlesAsked)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        // Newest first is six parts of one circle's series (highest ids), then three other circles' works.
        var series = SampleWorks.Range(0, 6).Select((w, i) => w with { Id = $"RJ0900000{i}", Circle = "ひだまり工房", Genres = ["癒し", "ASMR"] });
        var others = SampleWorks.Range(10, 3).Select((w, i) => w with { Id = $"RJ0100000{i}", Circle = $"サークル{i}", Genres = [$"ジャンル{i}"] });
        await store.Get<IWorkStore>().ImportAsync([.. series, .. others], ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("ann"), ct);

        var result = await KonomiCli.RunAsync(["label", "--user", "ann", "--first-screen", $"{firstScreen}", "--data-dir", store.Settings["Storage:DataDirectory"]!],
            standardInput: "y\nn\ny\nn\nq\n", ct: ct);

        result.ExitCode.ShouldBe(0, result.Error);
        var asked = await store.Get<IWorkStore>().FindManyAsync((await store.Get<ILabelStore>().ListAsync("ann", ct)).Select(l => l.WorkId), ct);
        asked.Count.ShouldBe(4);
        asked.Values.Select(w => w.Circle).Distinct().Count().ShouldBe(circlesAsked);
    }

    [Fact]
    public async Task A_bad_pool_is_a_usage_error_and_labels_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();

        var result = await KonomiCli.RunAsync(["label", "--pool", "tag:x", "--data-dir", store.Settings["Storage:DataDirectory"]!], standardInput: "y\n", ct: ct);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--pool 'tag:x' is not one of newest, search:<text>, genre:<genre>");
    }

    [Theory]
    [InlineData(3, "konomi: no stored work matches --pool genre:百合 (3 works stored); try another, or leave --pool out to be asked the newest.")]
    [InlineData(0, "konomi: no works stored yet: crawl some first (`konomi run --once` or `konomi crawl --backfill --pages 2`).")]
    public async Task A_pool_with_no_works_says_whether_the_pool_or_the_store_is_empty(int stored, string message)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        await store.Get<IWorkStore>().ImportAsync(SampleWorks.Range(0, stored), ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("ann"), ct);

        var result = await KonomiCli.RunAsync(["label", "--user", "ann", "--pool", "genre:百合", "--data-dir", store.Settings["Storage:DataDirectory"]!], standardInput: "y\n", ct: ct);

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldBe(message);
    }

    [Fact]
    public async Task The_genre_pool_asks_only_about_works_of_that_genre()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = TestStore.Sqlite();
        await store.Get<IWorkStore>().ImportAsync(SampleWorks.Range(0, 6), ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("ann"), ct);

        var result = await KonomiCli.RunAsync(["label", "--user", "ann", "--pool", "genre:ホラー", "--data-dir", store.Settings["Storage:DataDirectory"]!],
            standardInput: "y\ny\ny\ny\ny\ny\n", ct: ct);

        result.ExitCode.ShouldBe(0, result.Error);
        var labels = await store.Get<ILabelStore>().ListAsync("ann", ct);
        labels.Count.ShouldBe(3);
        labels.ShouldAllBe(l => !SampleWorks.IsSoothing(SampleWorks.Range(0, 6).Single(w => w.Id == l.WorkId)));
    }
}
