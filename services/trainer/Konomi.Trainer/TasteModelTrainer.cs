using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// Retrains one user's model: cross-validates the configured family (<c>TasteModels:Family</c>) on the user's labels, trains it on all of
/// them, registers the version and promotes it only if its F1 is not worse than the serving version's recipe
/// (its family, retrained on the same training folds and scored on the same test folds of the same labels).
/// Comparing recipes on today's labels rather than against the serving model's old figures keeps the
/// comparison fair: both see exactly the same data, and neither is scored on works it learned from.
/// </summary>
public sealed class TasteModelTrainer(
    TrainingSets sets,
    TasteModelFamilies families,
    ITasteModelRegistry registry,
    IOptions<TrainerOptions> options)
{
    public async Task<ModelCard> TrainAsync(string userId, CancellationToken ct)
    {
        var o = options.Value;
        var set = await sets.LoadAsync(userId, ct);
        var family = families.Default;
        if (NotEnough(set, o) is { } why)
            return new ModelCard(userId, family.Name, set.Examples.Count, set.Positives, set.MissingWorks, TrainingDecision.NotTrained, why);

        int[] folds = [.. set.WorkIds.Select(id => Folds.ByHash(id, o.Folds))];
        var evaluation = CrossValidation.Run(family, set.Examples, folds, ct);
        var candidate = CrossValidatedMetrics.From(evaluation);
        var model = family.Train(set.Examples, ct);
        var serving = await registry.FindServingAsync(userId, ct);
        var (promote, reason) = serving is null
            ? (true, $"first model: {set.Examples.Count} labels, {set.Positives} liked, F1 {candidate.F1:0.00} over {candidate.Folds} folds")
            : Compare(candidate, family.Name, serving, set, folds, ct);

        var version = await registry.RegisterAsync(new TasteModelDraft(userId, family.Name, candidate, model.Serialize()), ct);
        if (promote)
            await registry.PromoteAsync(userId, version.Version, reason, ct);
        else
            await registry.RejectAsync(userId, version.Version, reason, ct);
        KonomiTelemetry.ModelF1.Record(candidate.F1, new("user", userId), new("version", version.Version));

        return new ModelCard(userId, family.Name, set.Examples.Count, set.Positives, set.MissingWorks,
            promote ? TrainingDecision.Promoted : TrainingDecision.Rejected, reason,
            version.Version, candidate, evaluation.Confusion, TopFeatures(model, set));
    }

    (bool, string) Compare(ModelMetrics candidate, string family, TasteModelVersion serving, TrainingSet set, IReadOnlyList<int> folds, CancellationToken ct)
    {
        // The same family with the same settings trains the same way on the same folds: measuring it twice would only cost time.
        var current = serving.Family == family
            ? candidate
            : CrossValidatedMetrics.From(CrossValidation.Run(families.Get(serving.Family), set.Examples, folds, ct));
        var same = $"serving v{serving.Version} ({serving.Family}) {current.F1:0.00} on the same {current.Folds} folds of {set.Examples.Count} labels";
        return candidate.F1 >= current.F1
            ? (true, $"F1 {candidate.F1:0.00} >= {same}")
            : (false, $"F1 {candidate.F1:0.00} < {same}");
    }

    static string? NotEnough(TrainingSet set, TrainerOptions o)
    {
        if (set.Examples.Count < o.MinLabels)
            return $"{set.Examples.Count} usable labels, {o.MinLabels} needed (Trainer:MinLabels)";
        if (set.Positives == 0 || set.Positives == set.Examples.Count)
            return $"all {set.Examples.Count} labels say the same; a model needs both 興味あり and 別に";
        return null;
    }

    /// <summary>What pushed the user's liked works up most, summed over them: the model's own explanations.</summary>
    static IReadOnlyList<ScoreReason> TopFeatures(ITasteModel model, TrainingSet set) =>
    [
        .. model.Predict([.. set.Examples.Where(e => e.Liked).Select(e => e.Input)])
            .SelectMany(p => p.Reasons)
            .GroupBy(r => (r.Source, r.Text))
            .Select(g => new ScoreReason(g.Key.Source, g.Key.Text, g.Sum(r => r.Weight)))
            .OrderByDescending(r => r.Weight)
            .Take(10),
    ];
}
