using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi score</c> process on a store.</summary>
public class ScoreCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_whose_first_model_the_gate_rejected_gets_the_gate_s_reason_not_no_model_yet()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("bob"), Ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("carol"), Ct);
        await store.Get<IWorkStore>().AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);
        var registry = store.Get<ITasteModelRegistry>();
        var v1 = await registry.RegisterAsync(new TasteModelDraft("bob", "ngram", new ModelMetrics(22, 11, 5, 0.5, 0.5, 0.9, 0.67, 0.4, 0.42, 0.39), [1]), Ct);
        await registry.RejectAsync("bob", v1.Version, "worse: AP 0.342 vs cold start 0.500 on 22 fresh labels (11 liked)", Ct);

        var result = await KonomiCli.RunAsync(["score", "--id", "RJ01000001", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        // A version from before the gate kept its figures: its F1 and the gate's own reason.
        result.Output.ShouldContain("  no model serves: model v1 was rejected by the promotion gate (F1 0.67; worse: AP 0.342 vs cold start 0.500 on 22 fresh "
            + "labels (11 liked)); keep labelling: new labels retrain it (`konomi status`)");
        // carol: nothing trained yet, no label either.
        result.Output.ShouldContain("  no model serves: 20 more labels needed for a first model, incl. at least 2 興味あり and 2 別に (`konomi status`)");
    }

    [Fact]
    public async Task A_labelled_user_awaiting_a_first_model_is_told_no_work_is_liked_not_that_popularity_scored_it()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("dave"), Ct);
        await store.Get<IWorkStore>().AddAsync(Sample.Work("RJ01000003"), Guid.NewGuid(), Ct);
        await store.Get<ILabelStore>().RecordAsync(new Click("c1", "dave", "RJ01000003", true, DateTimeOffset.UtcNow, "annotator"), Ct);

        var result = await KonomiCli.RunAsync(["score", "--id", "RJ01000003", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("-> not liked; model awaiting-model v0");
        result.Output.ShouldContain("19 more labels needed for a first model");
        result.Output.ShouldContain("(`konomi status`); until one does, no work is liked for this user (model awaiting-model)");
        result.Output.ShouldNotContain("popularity");
    }

    [Fact]
    public async Task A_work_piped_in_with_work_dash_is_scored_as_its_file_would_be()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("bob"), Ct);
        var json = Konomi.Contracts.WorkJson.Write(Sample.Work("RJ01000002"));

        var piped = await KonomiCli.RunAsync(["score", "--work", "-", "--data-dir", store.Settings["Storage:DataDirectory"]!], standardInput: json, ct: Ct);
        var closed = await KonomiCli.RunWithStandardInputClosedAsync(["score", "--work", "-", "--data-dir", store.Settings["Storage:DataDirectory"]!], Ct);

        piped.ExitCode.ShouldBe(0, piped.Error);
        piped.Output.ShouldStartWith("bob: RJ01000002 ");
        closed.ExitCode.ShouldBe(1, closed.Error);
        closed.Error.Trim().ShouldBe("konomi: stdin is closed: pipe a work in (`konomi parse page.html | konomi score --work -`) or name its file");
    }
}
