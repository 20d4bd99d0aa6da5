using System.Globalization;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Options;

namespace Konomi.Labelling;

/// <summary>
/// Why no taste model serves a user, worded once for every place that shows their scores or model state: the cold
/// start's scores carry it (so Slack posts and <c>POST /score</c> say it), <c>konomi status</c> and <c>konomi score</c>
/// print it, the web's Label and Model pages show it. Either labels are still missing (by the trainer's rule), or the
/// newest version does not serve: the promotion gate rejected it (its figures as the registry recorded them), a person
/// retired it, or it is still being judged. Without it a user whose first model was rejected is told nothing, or
/// "label more" as if they had not.
/// </summary>
public sealed class NoModelReason(ITasteModelRegistry registry, IWorkStore works, IOptions<TrainerOptions> trainer)
{
    /// <summary>Of each answer, the fewest a first model needs besides <c>Trainer:MinLabels</c> in all: cross-validation holds each out.</summary>
    public const int MinEachAnswer = 2;

    /// <summary>
    /// Why no model scores for <paramref name="userId"/>, from their versions and <paramref name="labels"/> (only those of
    /// stored works count: a model learns from the work's text), counted against <c>Trainer:MinLabels</c>.
    /// </summary>
    public async Task<string> ForAsync(string userId, IReadOnlyList<Label> labels, CancellationToken ct)
    {
        var versions = await registry.ListAsync(userId, ct);
        var stored = await works.FindKnownAsync(labels.Select(l => l.WorkId), ct);
        var usable = labels.Where(l => stored.Contains(l.WorkId)).ToList();
        return For(versions, usable.Count, usable.Count(l => l.Interested), trainer.Value.MinLabels);
    }

    /// <summary>
    /// The wording, from the user's versions (newest first) and usable labels. A serving version here is one that could
    /// not be loaded or score (inference falls back to the cold start for that user).
    /// </summary>
    public static string For(IReadOnlyList<TasteModelVersion> versions, int labels, int liked, int minLabels) => versions switch
    {
        _ when versions.FirstOrDefault(v => v.Status == TasteModelStatus.Serving) is { } serving =>
            $"model v{serving.Version} serves but could not be used, so this is scored without it",
        [{ Status: TasteModelStatus.Rejected } latest, ..] =>
            $"model v{latest.Version} was rejected by the promotion gate ({Figures(latest)}); keep labelling: new labels retrain it",
        [{ Status: TasteModelStatus.Candidate } latest, ..] => $"model v{latest.Version} is still being judged by the promotion gate",
        [var latest, ..] => $"model v{latest.Version} was {latest.Status.ToString().ToLowerInvariant()} and no version serves",
        [] => Needed(labels, liked, minLabels) ?? "enough labels for a first model: it is trained next",
    };

    /// <summary>What a first model still needs, by the trainer's rule; null when the labels are enough.</summary>
    public static string? Needed(int labels, int liked, int minLabels)
    {
        var likes = Math.Max(0, MinEachAnswer - liked);
        var dislikes = Math.Max(0, MinEachAnswer - (labels - liked));
        var more = Math.Max(Math.Max(0, minLabels - labels), likes + dislikes);
        if (more == 0) return null;
        var missing = string.Join(" and ", new[] { (likes, "興味あり"), (dislikes, "別に") }.Where(m => m.Item1 > 0).Select(m => $"{m.Item1} {m.Item2}"));
        return $"{more} more label{(more == 1 ? "" : "s")} needed for a first model{(missing.Length > 0 ? $", incl. at least {missing}" : "")}";
    }

    // What the gate measured (average precision against what it would replace, on the same labels), after the F1 every
    // view shows beside posting everything; a rejection without the gate's figures (a race, a recipe without evidence)
    // says the gate's own reason.
    static string Figures(TasteModelVersion version)
    {
        var m = version.Metrics;
        var f1 = m.PostEverythingF1 > 0
            ? string.Create(CultureInfo.InvariantCulture, $"F1 {m.ShownF1():0.00} vs {m.PostEverythingF1:0.00} posting everything")
            : string.Create(CultureInfo.InvariantCulture, $"F1 {m.ShownF1():0.00}");
        return m.Gate is { } gate
            ? string.Create(CultureInfo.InvariantCulture, $"{f1}; average precision {gate.CandidateAveragePrecision:0.00} vs {gate.IncumbentAveragePrecision:0.00} for {gate.Against}")
            : $"{f1}; {version.StatusReason}";
    }
}
