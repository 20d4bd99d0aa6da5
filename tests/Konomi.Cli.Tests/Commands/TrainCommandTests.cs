using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi train</c> and <c>konomi models list</c> processes on one store.</summary>
public class TrainCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Train_twice_with_a_worse_recipe_the_second_time_keeps_the_first_version_serving()
    {
        await using var store = TestStore.Sqlite();
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        await OrderedLabelsAsync(store, 0, 40);
        var first = await KonomiCli.RunAsync(["train", "--user", "alice", "--data-dir", dataDir], ct: Ct);
        first.ExitCode.ShouldBe(0, first.Error);
        first.Output.ShouldContain("decision    promoted");
        await OrderedLabelsAsync(store, 40, 40);

        var second = await KonomiCli.RunAsync(["train", "--user", "alice", "--data-dir", dataDir],
            new Dictionary<string, string?> { ["TasteModels__Ngram__MaxN"] = "1", ["TasteModels__Ngram__C__0"] = "0.0001" }, ct: Ct);

        second.ExitCode.ShouldBe(0, second.Error);
        second.Output.ShouldContain("decision    rejected: worse: AP");
        second.Output.ShouldContain("on 40 fresh labels");
        var list = await KonomiCli.RunAsync(["models", "list", "--user", "alice", "--data-dir", dataDir], ct: Ct);
        list.Output.ShouldMatch(@"alice\s+2\s+ngram\s+Rejected");
        list.Output.ShouldMatch(@"alice\s+1\s+ngram\s+Serving");
        // Back on the serving recipe, the 40 labels since v1 are new to it; after that, nothing is.
        var back = await KonomiCli.RunAsync(["train", "--user", "alice", "--data-dir", dataDir], ct: Ct);
        back.Output.ShouldContain("decision    promoted");
        var again = await KonomiCli.RunAsync(["train", "--user", "alice", "--data-dir", dataDir], ct: Ct);
        again.Output.ShouldContain("no new labels since v3");
    }

    [Fact]
    public async Task A_user_with_too_few_labels_is_reported_as_not_trained_in_words()
    {
        await using var store = TestStore.Sqlite();
        await OrderedLabelsAsync(store, 0, 4);

        var result = await KonomiCli.RunAsync(["train", "--user", "alice", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("decision    not trained: ");
    }

    [Fact]
    public async Task One_user_whose_training_fails_is_reported_and_the_next_user_is_still_trained()
    {
        await using var store = TestStore.Sqlite();
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        // "aaron" is trained first: one liked among 25 labels used to throw and stop every later user.
        await OrderedLabelsAsync(store, 0, 40, "zoe");
        var labels = store.Get<ILabelStore>();
        var works = store.Get<IWorkStore>();
        for (var n = 100; n < 125; n++)
        {
            var work = new Work { Id = $"RJ{n + 1:D8}", Title = n == 100 ? "耳かきの話" : $"怪談の話{n}", Url = "https://example.invalid/" + n };
            await works.AddAsync(work, Guid.NewGuid(), Ct);
            await labels.RecordAsync(new Click($"a-{n}", "aaron", work.Id, n == 100, DateTimeOffset.UtcNow, "test"), Ct);
        }

        var result = await KonomiCli.RunAsync(["train", "--data-dir", dataDir], ct: Ct);

        result.Output.ShouldContain("== aaron");
        result.Output.ShouldContain("1 興味あり and 24 別に");
        result.Output.ShouldContain("== zoe: ngram v1");
        (await store.Get<ITasteModelRegistry>().FindServingAsync("zoe", Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Train_reports_each_user_with_an_ETA_on_stderr_and_keeps_stdout_the_model_cards()
    {
        await using var store = TestStore.Sqlite();
        var dataDir = store.Settings["Storage:DataDirectory"]!;
        await OrderedLabelsAsync(store, 0, 40, "alice");
        await OrderedLabelsAsync(store, 40, 40, "bob");

        var result = await KonomiCli.RunAsync(["train", "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        var progress = result.Error.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("train", StringComparison.Ordinal)).ToList();
        progress.Count.ShouldBe(3, result.Error);
        progress[0].ShouldBe("training alice (1/2 users), ETA unknown");
        progress[1].ShouldStartWith("training bob (2/2 users), ETA ");
        progress[2].ShouldStartWith("train done: 2 users (each model card says whether a model was trained), took ");
        result.Output.ShouldNotContain("ETA");
        result.Output.ShouldContain("== bob: ngram v1");
    }

    static async Task OrderedLabelsAsync(TestStore store, int first, int count, string userId = "alice")
    {
        var works = store.Get<IWorkStore>();
        var labels = store.Get<ILabelStore>();
        if (await store.Get<IUserStore>().FindAsync(userId, Ct) is null)
            await store.Get<IUserStore>().UpsertAsync(new UserProfile(userId), Ct);
        for (var n = first; n < first + count; n++)
        {
            var liked = n % 2 == 0;
            // Only the order of the characters tells the two apart: single characters cannot.
            var work = new Work { Id = $"RJ{n + 1:D8}", Title = liked ? "甲乙丙丁の話" : "丁丙乙甲の話", Circle = "同じ工房", Url = "https://example.invalid/" + n };
            await works.AddAsync(work, Guid.NewGuid(), Ct);
            await labels.RecordAsync(new Click($"c-{userId}-{n}", userId, work.Id, liked, DateTimeOffset.UtcNow, "test"), Ct);
        }
    }
}
