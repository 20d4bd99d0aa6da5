using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Inference;

/// <summary>
/// Scores works for users: with each user's serving model adjusted by their preferences (a block always
/// wins), or the cold-start scorer when there is none. A model that cannot load or score falls back to the
/// cold-start scorer for that user alone (counted in <c>konomi_inference_model_load_failures_total</c>), so one
/// broken model never holds back the other users' works.
/// </summary>
public sealed partial class WorkScorer(
    ServingModels models,
    IColdStartScorer coldStart,
    PreferenceScorer preferences,
    CoLikeReasons coLikeReasons,
    TasteInputBuilder inputs,
    IOptions<InferenceOptions> options,
    ILogger<WorkScorer> logger)
{
    /// <summary>
    /// The run of scores asked for outside any crawl (<c>POST /score</c>, <c>konomi score</c>, <c>recommend</c>): they are
    /// shown, never stored or published, so no crawl run is theirs.
    /// </summary>
    public static readonly Guid OnRequest = Guid.Empty;

    /// <summary>Every user's score of every work, as the crawl run <paramref name="crawlRunId"/> records and announces them.</summary>
    public async Task<IReadOnlyList<WorkScored>> ScoreAsync(Guid crawlRunId, IReadOnlyList<Work> works, IReadOnlyList<UserProfile> users, CancellationToken ct) =>
        (await ScoreRunAsync(crawlRunId, works, users, ct)).Scores;

    /// <summary>The same scores, with each served user's likes, for the run's exploration.</summary>
    public async Task<ScoredRun> ScoreRunAsync(Guid crawlRunId, IReadOnlyList<Work> works, IReadOnlyList<UserProfile> users, CancellationToken ct)
    {
        // The model input depends only on the work, so it is built once for every user; models featurise each
        // input once too (NgramFeatures), and a liked work's bigram vector is made for the first user who likes it.
        var built = works.Select(inputs.Build).ToList();
        var coLiked = await coLikeReasons.ForBatchAsync(works, users, ct);
        var bigrams = built.Select(b => new Lazy<BigramVector>(() => BigramVector.Of(b.Text))).ToArray();
        var serving = new ServingModel?[users.Count];
        var failed = new UnloadableModelException?[users.Count];
        for (var u = 0; u < users.Count; u++)
        {
            try { serving[u] = await models.FindAsync(users[u].UserId, ct); }
            catch (UnloadableModelException e) { failed[u] = e; }
        }

        // Scoring is CPU alone from here: users in parallel over the cores, each with their own model.
        var scored = new IReadOnlyList<WorkScored>?[users.Count];
        Parallel.For(0, users.Count, new ParallelOptions { CancellationToken = ct }, u =>
        {
            if (serving[u] is not { } model) return;
            try { scored[u] = Score(crawlRunId, model, users[u], works, built, bigrams, coLiked); }
            catch (UnloadableModelException e) { failed[u] = e; }
        });

        var scores = new List<WorkScored>(works.Count * users.Count);
        var likes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var u = 0; u < users.Count; u++)
        {
            if (scored[u] is not null) likes[users[u].UserId] = serving[u]!.Liked.Count;
            if (failed[u] is { } e)
            {
                KonomiTelemetry.ModelLoadFailures.Add(1, new("user", e.UserId), new("model", e.Family));
                LogUnusableModel(logger, e, e.UserId, e.Version, e.Family, works.Count);
            }
            scores.AddRange(scored[u] ?? await coldStart.ScoreAsync(crawlRunId, users[u], works, ct));
        }
        return new ScoredRun(scores, likes, [.. failed.OfType<UnloadableModelException>()]);
    }

    List<WorkScored> Score(Guid crawlRunId, ServingModel serving, UserProfile user, IReadOnlyList<Work> works, IReadOnlyList<TasteInput> built,
        Lazy<BigramVector>[] bigrams, IReadOnlyDictionary<(string UserId, string WorkId), ScoreReason> coLiked)
    {
        var model = serving.Model;
        var predictions = Predict(serving, built);
        var scores = new List<WorkScored>(works.Count);
        for (var i = 0; i < works.Count; i++)
        {
            var work = works[i];
            var reasons = predictions[i].Reasons.OrderByDescending(r => Math.Abs(r.Weight)).Take(options.Value.MaxReasons).ToList();
            // Calibration is monotone: the verdict is the model's own threshold, shown on the probability scale.
            var calibration = serving.Calibration;
            var verdict = preferences.WithModel(work, user.Preferences, calibration.Apply(predictions[i].Score), calibration.Apply(model.Threshold), model.Family, reasons);
            // A liked work is also explained by the nearest work the user marked 興味あり, when one is near enough.
            IReadOnlyList<ScoreReason> explained = verdict.Liked == true && serving.Liked.Explain(work.Id, bigrams[i].Value) is { } like
                ? [.. verdict.Reasons, like]
                : verdict.Reasons;
            // Others' likes show as a count-free "people who liked ◯◯" reason, never as whose.
            if (coLiked.TryGetValue((serving.UserId, work.Id), out var coLike)) explained = [.. explained, coLike];
            scores.Add(new WorkScored(crawlRunId, work.Id, serving.UserId, verdict.Score, verdict.Threshold, verdict.Liked, verdict.Source, serving.Version, explained));
        }
        return scores;
    }

    // A model that loaded but cannot score (an encoder changed under it) is as unusable as one that cannot load.
    static IReadOnlyList<Prediction> Predict(ServingModel serving, IReadOnlyList<TasteInput> built)
    {
        try
        {
            return serving.Model.Predict(built);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UnloadableModelException(serving.UserId, serving.Version, serving.Family, e);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "User {UserId}: serving model version {Version} ({Family}) is unusable; {Count} works scored cold-start instead")]
    static partial void LogUnusableModel(ILogger logger, Exception exception, string userId, int version, string family, int count);
}
