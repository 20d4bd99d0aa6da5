using Konomi.Labelling;
using System.Globalization;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Ngram;
using Konomi.TasteModels.Shared;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer;

/// <summary>
/// Learning from everyone in the trainer. When due users include someone who shares and at least two sharing users
/// have enough labels, one workspace training (<see cref="SharedNgramFamily"/>: a shared <c>ngram</c> model with
/// personal offsets beside each per-user model) runs over every sharing user's labels, never a non-sharing user's.
/// Each due sharing user with new labels gets the model their training labels preferred (per-user or shared), judged
/// by the same <see cref="PromotionGate"/> as a per-user candidate (a switch to the shared model waits for fresh labels
/// that can judge it; a return to the per-user model does not). Its cross-fitted scores come from workspace
/// fits that held out the same fold of every user, so no fold model saw the label it scores.
/// Everyone else (alone, not sharing, another family, switched off) is left to <see cref="TasteModelTrainer.TrainAsync"/>.
/// </summary>
public sealed class WorkspaceTrainer(
    TrainingSets sets,
    ILabelStore labels,
    IUserStore users,
    TasteModelFamilies families,
    SharedNgramFamily shared,
    ModelRecipes recipes,
    TasteModelTrainer trainer,
    PromotionGate gate,
    ITasteModelRegistry registry,
    IOptions<TrainerOptions> options)
{
    /// <summary>Cards for the due users trained with the workspace; due users without a card train alone.</summary>
    public Task<IReadOnlyList<ModelCard>> TrainAsync(IReadOnlyCollection<string> due, CancellationToken ct) =>
        TrainAsync(due, new HashSet<string>(), ct);

    /// <param name="servingUnusable">Due users whose serving model inference cannot use: trained even with no new labels
    /// (<see cref="TasteModelTrainer.TrainAsync(string, bool, CancellationToken)"/>).</param>
    public async Task<IReadOnlyList<ModelCard>> TrainAsync(IReadOnlyCollection<string> due, IReadOnlySet<string> servingUnusable, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.LearnFromEveryone || families.Default.Name != NgramFamily.Name) return [];
        var sharing = (await users.ListAsync(ct)).Where(u => u.Shared).Select(u => u.UserId).ToHashSet();
        if (!due.Any(sharing.Contains)) return [];

        var pool = new List<TrainingSet>();
        foreach (var user in (await labels.ListUsersAsync(ct)).Where(sharing.Contains).Order(StringComparer.Ordinal))
        {
            var set = await sets.LoadAsync(user, ct);
            if (TasteModelTrainer.NotEnough(set, o) is null && shared.CanPool(set.Examples)) pool.Add(set);
        }
        var duePooled = pool.Where(s => due.Contains(s.UserId)).ToList();
        if (pool.Count < 2 || duePooled.Count == 0) return [];

        var perUser = recipes.For(NgramFamily.Name);
        var sharedRecipe = recipes.For(NgramFamily.Name, shared: true);
        var cards = new List<ModelCard>();
        var toTrain = new List<TrainingSet>();
        foreach (var set in duePooled)
        {
            if (!servingUnusable.Contains(set.UserId) && await trainer.NothingNewAsync(set, [perUser, sharedRecipe], ct) is { } why)
                cards.Add(new ModelCard(set.UserId, NgramFamily.Name, set.Examples.Count, set.Positives, set.MissingWorks, TrainingDecision.NotTrained, why));
            else
                toTrain.Add(set);
        }
        if (toTrain.Count == 0) return cards;

        var folds = pool.Select(trainer.FoldsOf).ToArray();
        var foldModels = await Task.Run(() => Enumerable.Range(0, o.Folds).Select(fold => shared.Train(
            [.. pool.Select((set, k) => new UserExamples(set.UserId, [.. set.Examples.Where((_, i) => folds[k][i] != fold)]))], ct)).ToArray(), ct);
        var final = await Task.Run(() => shared.Train([.. pool.Select(set => new UserExamples(set.UserId, set.Examples))], ct), ct);

        foreach (var set in toTrain)
        {
            var k = pool.IndexOf(set);
            var picked = final[k];
            var serving = await registry.FindServingAsync(set.UserId, ct);
            var useShared = picked.UsesShared && !WaitsForEvidence(set, serving, perUser);
            var evaluation = CrossValidation.Run(NgramFamily.Name,
                (fold, _, _) => useShared ? foldModels[fold][k].Shared ?? foldModels[fold][k].Personal : foldModels[fold][k].Personal,
                set.Examples, folds[k], ct);
            var figures = string.Create(CultureInfo.InvariantCulture,
                $"AP {picked.SharedAveragePrecision:0.000} shared vs {picked.PersonalAveragePrecision:0.000} per-user out of fold in training");
            var pick = useShared ? $"shared model from {pool.Count} people's labels ({figures})" : $"per-user model ({figures})";
            if (useShared != picked.UsesShared) pick += ", kept the serving kind: too few fresh labels to judge a switch";
            cards.Add(await trainer.JudgeAndRegisterAsync(set, useShared ? picked.Shared! : picked.Personal, evaluation, useShared ? sharedRecipe : perUser, pick, ct));
        }
        return cards;
    }

    /// <summary>
    /// Switching to the shared model is a new recipe, which the gate rejects until fresh labels can judge it. Rather than
    /// register a candidate bound to be rejected, a user served per-user whose pick flipped to shared without that
    /// evidence gets the per-user model trained on their newer labels. The way
    /// back needs no such wait: the per-user model is the baseline every user has, and the gate lets a shared model's
    /// user return to it (each retrain of the serving kind moves the cutoff the fresh labels are counted from, so a
    /// user whose first models were shared would otherwise keep a shared model for good: the livedoor workspace replay,
    /// docs/learning-loop.md).
    /// </summary>
    bool WaitsForEvidence(TrainingSet set, TasteModelVersion? serving, ModelRecipe perUser) =>
        serving is not null && serving.Metrics.Recipe?.Fingerprint == perUser.Fingerprint && !gate.CanCompare(set, serving);
}
