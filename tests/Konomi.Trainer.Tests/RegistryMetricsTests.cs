using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer.Tests;

public class RegistryMetricsTests
{
    [Fact]
    public void The_registry_keeps_the_means_over_folds_and_the_pooled_figures_of_the_cross_validation()
    {
        Example[] examples = [.. Enumerable.Range(0, 30).Select(i => i % 3 == 0
            ? new Example(TasteInput.FromText($"耳かき 癒し 囁き {i}"), true)
            : new Example(TasteInput.FromText($"日常 会話 {i}"), i % 7 == 0))];
        var result = CrossValidation.Run(new NgramFamily(Options.Create(new NgramOptions())), examples, [.. examples.Select((_, i) => i % 5)],
            TestContext.Current.CancellationToken);

        var metrics = result.ToModelMetrics(k: 2);

        (metrics.Examples, metrics.Positives, metrics.Folds, metrics.K).ShouldBe((30, examples.Count(e => e.Liked), 5, 2));
        metrics.F1.ShouldBe(result.Folds.Average(f => f.Metrics.F1), 1e-12);
        metrics.Threshold.ShouldBe(result.Folds.Average(f => f.Metrics.Threshold), 1e-12);
        metrics.RocAuc.ShouldBe(result.RocAuc, 1e-12);
        metrics.F1Pooled.ShouldBe(result.F1Pooled, 1e-12);
        metrics.AveragePrecision.ShouldBe(result.AveragePrecision, 1e-12);
        metrics.PrecisionAtK.ShouldBe(result.PrecisionAtK(2), 1e-12);
        metrics.PostEverythingF1.ShouldBe(result.PostEverythingF1, 1e-12);
        metrics.AveragePrecision.ShouldBeGreaterThan(0.5);
    }
}
