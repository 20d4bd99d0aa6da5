using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Labelling;

/// <summary>
/// Scores a work from a user's explicit preferences. A blocked circle, voice actor, genre or keyword always
/// wins: not liked, whatever a model says. Each liked match halves the distance of the score to 1, so one
/// match alone reaches the cold-start threshold of 0.5 and a model's doubt is pushed towards liking. A user
/// with neither labels nor preferences gets DLsite's popularity as a prior.
/// </summary>
public sealed class PreferenceScorer(PopularityPrior popularity)
{
    public const string Source = "preference";
    public const string PreferencesModel = "preferences";
    public const string NoModel = "none";

    /// <summary>
    /// The source of a labelled user's verdicts while no model serves them (too few labels, too few of one kind, or the
    /// gate rejected the first model): not liked, and open to exploration, so some works still reach them and the loop can start.
    /// </summary>
    public const string AwaitingModel = "awaiting-model";
    public const double Threshold = 0.5;

    /// <summary>For a user without a serving model.</summary>
    public PreferenceVerdict ColdStart(Work work, Preferences? preferences, bool hasLabels)
    {
        var matches = PreferenceMatches.Find(work, preferences);
        if (matches.Any(m => m.Blocked))
            return new(0, Threshold, false, PreferencesModel, Reasons(matches.Where(m => m.Blocked)));
        if (matches.Count > 0)
            return new(Boost(0, matches.Count), Threshold, true, PreferencesModel, Reasons(matches));
        if (!PreferenceMatches.IsEmpty(preferences))
            return new(0, Threshold, false, PreferencesModel,
                [new ScoreReason(Source, "none of your liked circles, voice actors, genres or keywords", 0)]);
        // Why no model serves yet is the caller's to add (NoModelReason): it needs the user's versions and labels.
        if (hasLabels)
            return new(0, Threshold, false, AwaitingModel, []);
        if (popularity.Judge(work) is { } prior)
            return prior;
        return new(0, 0, null, NoModel, []);
    }

    /// <summary>For a user whose model scored the work: preferences adjust the model's verdict.</summary>
    public PreferenceVerdict WithModel(Work work, Preferences? preferences, double score, double threshold, string family, IReadOnlyList<ScoreReason> reasons)
    {
        var matches = PreferenceMatches.Find(work, preferences);
        if (matches.Any(m => m.Blocked))
            return new(score, threshold, false, family, [.. Reasons(matches.Where(m => m.Blocked)), .. reasons]);
        var boosted = Boost(score, matches.Count);
        return new(boosted, threshold, boosted >= threshold, family, [.. Reasons(matches), .. reasons]);
    }

    static double Boost(double score, int likedMatches) => 1 - (1 - score) * Math.Pow(0.5, likedMatches);

    static List<ScoreReason> Reasons(IEnumerable<PreferenceMatch> matches) => [.. matches.Select(m => m.ToReason())];
}
