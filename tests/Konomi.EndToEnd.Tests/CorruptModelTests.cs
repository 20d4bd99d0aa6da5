using System.Diagnostics;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.EndToEnd.Tests;

public class CorruptModelTests
{
    [Fact]
    public async Task One_user_with_a_corrupt_model_is_scored_cold_start_while_the_others_are_scored_and_posted_by_their_models()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var loop = await Loop.StartAsync("corrupt-model", ct);
        // A blob that is no ngram model at all, serving for alice as if it were one.
        var registry = loop.Pipeline.Store<ITasteModelRegistry>();
        var corrupt = await registry.RegisterAsync(new TasteModelDraft("alice", "ngram", new ModelMetrics(40, 20, 5, 1, 1, 1, 1, 1, 1, 0.5), [0x7b, 0x22, 0x00, 0xff]), ct);
        await registry.PromoteAsync("alice", corrupt.Version, "e2e: a corrupt blob", ct);
        var clock = Stopwatch.StartNew();
        var works = loop.DLsite.AddWorks(8).Select(w => w.Id).ToList();
        await loop.StartCrawlerAsync(ct);

        var tally = await loop.FinishAsync("corrupt-model", works, clock, ct);

        tally.ShouldBeExactlyOnce();
        var scores = await loop.ScoresAsync(works, ct);
        // The first batch meets the corrupt blob; a later one may already be scored by the model that replaces it.
        scores.Where(s => s.UserId == "alice").ShouldContain(s => s.ModelVersion == 0, "alice is scored cold start");
        scores.Where(s => s.UserId == "alice").ShouldAllBe(s => s.ModelVersion == 0 || s.ModelVersion > corrupt.Version);
        scores.Where(s => s.UserId == "bob").ShouldAllBe(s => s.ModelVersion == 1, "bob is scored by his own model");
        loop.Slack.Messages.Count(m => m.Channel == loop.Target(loop.Listener("bob"))).ShouldBeGreaterThan(0, "bob's liked works are posted");
        (await loop.Pipeline.DeadLetteredAsync(ct)).ShouldBe(0);
        using var http = new HttpClient();
        (await PrometheusCounter.ReadAsync(http, loop.Pipeline["inference"].BaseAddress, "konomi_inference_model_load_failures_total", ct))
            .ShouldBeGreaterThan(0, "the failure is counted for alerting");
        // Inference reported the broken version: the trainer replaced it without waiting for a label of alice's.
        await Eventually.HoldsAsync(async () => (await registry.FindServingAsync("alice", ct))?.Version > corrupt.Version,
            "a model replaces alice's corrupt one", Loop.Patience, () => loop.Pipeline.LogTail(40), ct);
    }
}
