using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// Retrains one user's model: cross-validates the configured family (<c>TasteModels:Family</c>) on stratified
/// folds of the user's labels, fits Platt scaling on the out-of-fold scores, trains on all labels and lets the
/// <see cref="PromotionGate"/> decide against what serves now. With no label newer than the latest version's
/// cutoff and the same recipe, nothing is trained or registered: it would be the same model again.
/// </summary>
public sealed class TasteModelTrainer(
    TrainingSets sets,
    TasteModelFamilies families,
    ModelRecipes recipes,
    PromotionGate gate,
    ITasteModelRegistry registry,
    IUserStore users,
    IOptions<TrainerOptions> options)
{
    public Task<ModelCard> TrainAsync(string userId, CancellationToken ct) => TrainAsync(userId, servingUnusable: false, ct);

    /// <param name="servingUnusable">Inference cannot use what serves the user (<see cref="RetrainPlan.Replace"/>): trained
    /// even with no new labels, since the same labels make a model that loads, and the gate judges it against cold start.</param>
    public async Task<ModelCard> TrainAsync(string userId, bool servingUnusable, CancellationToken ct)
    {
        var o = options.Value;
        var set = await sets.LoadAsync(userId, ct);
        var family = families.Default;
        var recipe = recipes.For(family.Name);
        if ((NotEnough(set, o) ?? (servingUnusable ? null : await NothingNewAsync(set, [recipe], ct))) is { } why)
            return new ModelCard(userId, family.Name, set.Examples.Count, set.Positives, set.MissingWorks, TrainingDecision.NotTrained, why);

        var folds = FoldsOf(set);
        var evaluation = CrossValidation.Run(family, set.Examples, folds, ct);
        var model = family.Train(set.Examples, ct);
        return await JudgeAndRegisterAsync(set, model, evaluation, recipe, pick: null, ct);
    }

    /// <summary>The folds a user's labels are cross-validated on: stratified, by a stable hash of the work id.</summary>
    internal int[] FoldsOf(TrainingSet set) => Folds.Stratified(set.WorkIds, [.. set.Examples.Select(e => e.Liked)], options.Value.Folds);

    /// <summary>
    /// Puts a trained candidate through the <see cref="PromotionGate"/> against what serves the user now, registers it
    /// and promotes or rejects it. <paramref name="pick"/> says why this candidate was chosen over another, if one was.
    /// </summary>
    internal async Task<ModelCard> JudgeAndRegisterAsync(
        TrainingSet set, ITasteModel model, CrossValidationResult evaluation, ModelRecipe recipe, string? pick, CancellationToken ct)
    {
        var userId = set.UserId;
        var liked = set.Examples.Select(e => e.Liked).ToList();
        var profile = await users.FindAsync(userId, ct);
        var candidate = evaluation.ToModelMetrics(k: profile?.MaxPerRun ?? new UserProfile(userId).MaxPerRun) with
        {
            Calibration = PlattScaling.Fit(evaluation.OutOfFold, liked),
            Recipe = recipe,
            TrainedThrough = set.NewestLabel,
        };
        var serving = await registry.FindServingAsync(userId, ct);
        var verdict = await gate.JudgeAsync(set, evaluation.OutOfFold, recipe, serving, profile?.Preferences, ct);
        candidate = candidate with { Gate = verdict.Evidence };
        var bytes = model.Serialize();
        if (NotLoadingBack(recipe.Family, bytes, set) is { } unloadable)
            verdict = verdict with { Promote = false, Reason = unloadable };
        var reason = pick is null ? verdict.Reason : $"{pick}; {verdict.Reason}";

        var version = await registry.RegisterAsync(new TasteModelDraft(userId, recipe.Family, candidate, bytes), ct);
        // Judging takes a while (the bootstrap, loading the serving bytes): another trainer or a person may have changed
        // what serves meanwhile, and this verdict says nothing about that version. The registry promotes only while the
        // judged version still serves, in one step.
        if (verdict.Promote && !await registry.PromoteIfServingAsync(userId, version.Version, reason, serving?.Version, ct))
        {
            var now = await registry.FindServingAsync(userId, ct);
            verdict = verdict with
            {
                Promote = false,
                Reason = $"{(now is null ? "no version serves any more" : $"v{now.Version} began serving")} while it was judged against "
                    + $"{(serving is null ? "cold start" : $"v{serving.Version}")}; the next retraining judges against what serves",
            };
            reason = pick is null ? verdict.Reason : $"{pick}; {verdict.Reason}";
        }
        if (!verdict.Promote)
            await registry.RejectAsync(userId, version.Version, reason, ct);
        Record(userId, version.Version, candidate, verdict);

        return new ModelCard(userId, recipe.Family, set.Examples.Count, set.Positives, set.MissingWorks,
            verdict.Promote ? TrainingDecision.Promoted : TrainingDecision.Rejected, reason,
            version.Version, candidate, evaluation.Confusion, TopFeatures(model, set), model.Composition);
    }

    /// <summary>
    /// Null when the saved bytes load back, as inference will load them, into a model that scores; otherwise why not. The
    /// gate judged the model in memory: bytes a serializer fault or a cut-short write left would serve the user cold start.
    /// </summary>
    string? NotLoadingBack(string family, byte[] bytes, TrainingSet set)
    {
        try
        {
            families.Load(family, bytes).Predict([set.Examples[0].Input]);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"its saved bytes do not load back ({e.GetType().Name}: {e.Message}); what serves keeps serving";
        }
    }

    /// <summary>
    /// Null when there is something to train; otherwise why not. Either of <paramref name="recipes"/> counts as the
    /// same recipe: a workspace user may be served the per-user or the shared one.
    /// </summary>
    internal async Task<string?> NothingNewAsync(TrainingSet set, IReadOnlyCollection<ModelRecipe> recipes, CancellationToken ct)
    {
        var latest = (await registry.ListAsync(set.UserId, ct)).FirstOrDefault();
        if (latest?.Metrics is not { TrainedThrough: { } through, Recipe: { } trained } metrics
            || recipes.All(r => r.Fingerprint != trained.Fingerprint) || metrics.Examples != set.Examples.Count || set.NewestLabel > through)
            return null;
        return $"no new labels since v{latest.Version} ({metrics.Examples} labels through {through:u}) and the same recipe: nothing to register";
    }

    static void Record(string userId, int version, ModelMetrics metrics, PromotionGate.Verdict verdict)
    {
        KeyValuePair<string, object?>[] tags = [new("user", userId), new("version", version)];
        KonomiTelemetry.ModelF1.Record(metrics.F1Pooled, tags);
        KonomiTelemetry.GateDecisions.Add(1, new("user", userId), new("decision", verdict.Promote ? "promoted" : "rejected"));
        if (verdict.Evidence is { } e)
            KonomiTelemetry.GateProbabilityWorse.Record(e.ProbabilityWorse, tags);
    }

    internal static string? NotEnough(TrainingSet set, TrainerOptions o)
    {
        if (set.Examples.Count < o.MinLabels)
            return $"{set.Examples.Count} usable labels, {o.MinLabels} needed (Trainer:MinLabels)";
        if (set.Positives == 0 || set.Negatives == 0)
            return $"all {set.Examples.Count} labels say the same; a model needs both 興味あり and 別に";
        // Cross-validation needs each answer in every training part: with a single one of either, no fold can hold it out.
        if (Math.Min(set.Positives, set.Negatives) < NoModelReason.MinEachAnswer)
            return $"{set.Positives} 興味あり and {set.Negatives} 別に: a model needs at least {NoModelReason.MinEachAnswer} of each to be measured";
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
