using System.Globalization;
using Konomi.Hosting;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// Decides whether a candidate replaces what serves now. The incumbent is judged as it is: the frozen serving
/// version (its own bytes, never retrained) on the labels given after its training cutoff, or, for a first
/// model or a serving version that cannot be used (inference serves cold start in its place), the cold-start scorer
/// (preferences, else popularity) on every label. The candidate is judged on the
/// same labels by its cross-fitted scores (each from a fold model that never saw that label). The rule:
/// <list type="bullet">
/// <item>at least <see cref="TrainerOptions.MinFreshLabels"/> fresh labels with both answers: paired bootstrap
/// of average precision; rejected when P(candidate worse) ≥ <see cref="TrainerOptions.MaxProbabilityWorse"/>;</item>
/// <item>fewer: the serving recipe with more labels is promoted (the recipe already earned its place); a different
/// recipe is rejected until there is evidence for it, except a return to the per-user model (the baseline every user
/// has) from a workspace's shared model; a first model is promoted (the cold-start scorer has nothing it can lose to
/// on so few labels).</item>
/// </list>
/// A candidate trained on older labels than the serving version is rejected whatever the figures.
/// </summary>
public sealed class PromotionGate(
    ITasteModelRegistry registry, TasteModelFamilies families, ModelRecipes recipes, PreferenceScorer coldStart, IOptions<TrainerOptions> options)
{
    public sealed record Verdict(bool Promote, string Reason, GateEvidence? Evidence);

    public async Task<Verdict> JudgeAsync(
        TrainingSet set, IReadOnlyList<double> candidateOutOfSample, ModelRecipe recipe, TasteModelVersion? serving, Preferences? preferences, CancellationToken ct)
    {
        if (serving is null)
            return AgainstColdStart(set, candidateOutOfSample, preferences, "cold start", "first model");

        var cutoff = serving.Metrics.TrainedThrough ?? serving.CreatedAt;
        var fresh = Enumerable.Range(0, set.Examples.Count).Where(i => set.LabeledAt[i] > cutoff).ToList();
        var (servingScores, unusable) = await ScoresOfAsync(serving, [.. fresh.Select(i => set.Examples[i].Input)], ct);
        // Inference scores the user cold start in its place (UnloadableModelException), so cold start is what the candidate
        // would replace; judged against the version itself, every retraining failed and the user stayed on cold start for good.
        if (unusable is not null)
        {
            var verdict = AgainstColdStart(set, candidateOutOfSample, preferences, $"cold start (serving v{serving.Version} cannot be used)",
                "a model that loads replaces it");
            return verdict with { Reason = $"serving v{serving.Version} cannot be used ({unusable}), so cold start serves in its place; {verdict.Reason}" };
        }

        // Another trainer (konomi train beside the service) that read the labels later may have finished first: this
        // candidate would have no labels fresher than the serving cutoff and pass as "the same recipe with more labels".
        if (serving.Metrics.TrainedThrough is { } servingThrough && set.NewestLabel < servingThrough)
            return new(false, $"serving v{serving.Version} was trained on newer labels (through {servingThrough:u}) than this one (through {set.NewestLabel:u})", null);

        var sameRecipe = serving.Metrics.Recipe?.Fingerprint == recipe.Fingerprint;
        // From the workspace's shared model a user may always return to their own per-user model, their baseline.
        var backToPerUser = recipe.Fingerprint == recipes.For(recipe.Family).Fingerprint
            && serving.Metrics.Recipe?.Fingerprint == recipes.For(recipe.Family, shared: true).Fingerprint;
        return Judge($"serving v{serving.Version} ({serving.Family})", fresh, set, candidateOutOfSample, servingScores, sameRecipe,
            backToPerUser ? "back to the per-user model, which needs no new evidence" : null);
    }

    /// <summary>The cold-start scorer (preferences, else popularity) on every label: what serves a user no model serves.</summary>
    Verdict AgainstColdStart(TrainingSet set, IReadOnlyList<double> candidate, Preferences? preferences, string against, string withoutEvidence)
    {
        var coldScores = set.Works.Select(w => coldStart.ColdStart(w, preferences, hasLabels: false).Score).ToList();
        return Judge(against, [.. Enumerable.Range(0, set.Examples.Count)], set, candidate, coldScores, sameRecipe: true, withoutEvidence);
    }

    /// <summary>
    /// The serving version's scores of <paramref name="inputs"/>, or why it cannot give them: its bytes are gone or do not load
    /// (a damaged blob, a family whose files are missing), or it cannot score, as inference finds. A store that does not
    /// answer is no such reason: that failure is thrown, and the training is tried again.
    /// </summary>
    async Task<(IReadOnlyList<double> Scores, string? Unusable)> ScoresOfAsync(TasteModelVersion serving, IReadOnlyList<TasteInput> inputs, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = await registry.LoadBytesAsync(serving.UserId, serving.Version, ct);
        }
        catch (TasteModelNotFoundException e)
        {
            return ([], e.Message);
        }
        try
        {
            return ([.. families.Load(serving.Family, bytes).Predict(inputs).Select(p => p.Score)], null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ([], $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Whether the labels given after <paramref name="serving"/>'s cutoff could judge a new recipe against it: at least
    /// <see cref="TrainerOptions.MinFreshLabels"/>, both answers present.
    /// </summary>
    public bool CanCompare(TrainingSet set, TasteModelVersion serving)
    {
        var cutoff = serving.Metrics.TrainedThrough ?? serving.CreatedAt;
        return Enough([.. Enumerable.Range(0, set.Examples.Count).Where(i => set.LabeledAt[i] > cutoff).Select(i => set.Examples[i].Liked)]);
    }

    bool Enough(IReadOnlyList<bool> liked) =>
        liked.Count >= options.Value.MinFreshLabels && liked.Contains(true) && liked.Contains(false);

    /// <param name="withoutEvidence">Why the candidate may serve without fresh labels to judge it (a first model, a return
    /// to the per-user model); null when it needs them unless it is the serving recipe.</param>
    Verdict Judge(string against, IReadOnlyList<int> fresh, TrainingSet set, IReadOnlyList<double> candidate, IReadOnlyList<double> incumbent, bool sameRecipe, string? withoutEvidence)
    {
        var o = options.Value;
        var liked = fresh.Select(i => set.Examples[i].Liked).ToList();
        var positives = liked.Count(l => l);
        if (!Enough(liked))
        {
            var little = $"{fresh.Count} fresh labels ({positives} liked) against {against}, {o.MinFreshLabels} with both answers needed to compare (Trainer:MinFreshLabels)";
            if (withoutEvidence is not null) return new(true, $"{withoutEvidence}; {little}", null);
            return sameRecipe
                ? new(true, $"same recipe as {against} with more labels; {little}", null)
                : new(false, $"a new recipe needs evidence; {little}", null);
        }

        var result = PairedBootstrap.Compare([.. fresh.Select(i => candidate[i])], incumbent, liked, o.BootstrapSamples);
        var evidence = new GateEvidence(against, fresh.Count, positives, result.Candidate, result.Incumbent, result.ProbabilityWorse, result.Low, result.High);
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"AP {result.Candidate:0.000} vs {against} {result.Incumbent:0.000} on {fresh.Count} fresh labels ({positives} liked); P(worse) {result.ProbabilityWorse:0.000}, difference 90% [{Figures.Signed(result.Low)}, {Figures.Signed(result.High)}]");
        // "Not clearly worse", never "not worse": a candidate behind on a handful of fresh labels may still serve while
        // the bootstrap cannot tell it is worse (Trainer:MaxProbabilityWorse), and the reason must not claim more.
        return result.ProbabilityWorse >= o.MaxProbabilityWorse
            ? new(false, $"worse: {figures}", evidence)
            : new(true, string.Create(CultureInfo.InvariantCulture, $"not clearly worse (the gate rejects at P(worse) ≥ {o.MaxProbabilityWorse:0.00}): {figures}"), evidence);
    }
}
