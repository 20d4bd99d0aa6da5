using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// The precision-recall curve of the serving model's family on the user's current labels, held out: every
/// label is scored by a model trained without its fold (the hashed folds the trainer measures on), pooled
/// over folds. Scoring labels with the serving model itself would grade it on its own training data.
/// </summary>
public sealed class ServingModelCurve(ITasteModelRegistry registry, TrainingSets sets, TasteModelFamilies families, IOptions<TrainerOptions> options)
{
    /// <summary>Null when no model serves the user or their labels lack either answer.</summary>
    public async Task<HeldOutCurve?> ComputeAsync(string userId, CancellationToken ct)
    {
        if (await registry.FindServingAsync(userId, ct) is not { } serving) return null;
        var set = await sets.LoadAsync(userId, ct);
        if (set.Positives == 0 || set.Positives == set.Examples.Count) return null;
        int[] folds = [.. set.WorkIds.Select(id => Folds.ByHash(id, options.Value.Folds))];
        if (folds.Distinct().Count() < 2) return null;
        var result = await Task.Run(() => CrossValidation.Run(families.Get(serving.Family), set.Examples, folds, ct), ct);
        var scored = result.Folds.SelectMany(f => f.Scored).ToArray();
        return new HeldOutCurve(serving, set.Examples.Count, set.Positives,
            Ranking.AveragePrecision([.. scored.Select(s => s.Score)], [.. scored.Select(s => s.Liked)]),
            result.PrecisionRecallCurve());
    }
}
