using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Options;

namespace Konomi.Inference;

/// <summary>
/// Picks a few works per crawl run and user that the model would not post and posts them anyway, so the model
/// also learns about what it does not yet like (otherwise only its own picks are ever clicked), and a user whose labels
/// cannot train a model yet still gets works to click. Among a user's works with a "not liked" verdict (never a blocked
/// one), rate × their number are picked in expectation (users awaiting a model have a rate of their own), each with
/// probability proportional to its score plus a floor, capped at 1. The draw is a hash of (user, work), so a
/// redelivered batch picks the same works. The probability is kept on the score and the notification.
/// A served user's rate tapers once their model has more than <see cref="InferenceOptions.ExplorationTaperLikes"/>
/// likes to learn from (rate × taper ÷ likes): おためし posts find what the model misses while likes are few, and a
/// user with plenty of them gets fewer posts the model did not choose (docs/learning-loop.md, "Exploration that tapers").
/// </summary>
public sealed class Exploration(IOptions<InferenceOptions> options)
{
    // Every candidate keeps a chance, however low the model scores it.
    const double Floor = 0.05;

    /// <param name="likes">For each user a model serves, the works they had marked 興味あり (<see cref="ScoredRun.Likes"/>); a user
    /// missing from it is explored at the full rate.</param>
    public IReadOnlyList<WorkScored> Apply(IReadOnlyList<WorkScored> scores, IReadOnlyList<UserProfile> users, IReadOnlyDictionary<string, int>? likes = null)
    {
        var (served, awaiting, taper) = (options.Value.ExplorationRate, options.Value.ExplorationRateWithoutModel, options.Value.ExplorationTaperLikes);
        if (served <= 0 && awaiting <= 0) return scores;
        var exploring = users.Where(u => u.Explore).Select(u => u.UserId).ToHashSet();
        var picked = new Dictionary<WorkScored, double>(ReferenceEqualityComparer.Instance);
        var candidates = scores.Where(s => exploring.Contains(s.UserId) && IsCandidate(s));
        foreach (var user in candidates.GroupBy(s => (s.UserId, Awaiting: s.ModelId == PreferenceScorer.AwaitingModel)))
            Pick([.. user], user.Key.Awaiting ? awaiting : Tapered(served, taper, likes?.GetValueOrDefault(user.Key.UserId) ?? 0), picked);
        if (picked.Count == 0) return scores;
        KonomiTelemetry.Explorations.Add(picked.Count);
        return [.. scores.Select(s => picked.TryGetValue(s, out var p) ? s with { ExplorationProbability = p } : s)];
    }

    static double Tapered(double rate, int taper, int likes) => taper > 0 && likes > taper ? rate * taper / likes : rate;

    static void Pick(IReadOnlyList<WorkScored> candidates, double rate, Dictionary<WorkScored, double> picked)
    {
        if (rate <= 0) return;
        var total = candidates.Sum(Weight);
        foreach (var candidate in candidates)
        {
            var probability = Math.Min(1, rate * candidates.Count * Weight(candidate) / total);
            if (Draw(candidate.UserId, candidate.WorkId) < probability)
                picked[candidate] = probability;
        }
    }

    // Exploration corrects a model's own selection bias, so a serving model's "not liked" is explored, and so is the
    // cold-start verdict of a user whose labels cannot train a model yet: nothing else would reach them, no click would
    // come, and the loop would never start (in a livedoor replay 4 users of 7, whose first 50 labels held no like, got
    // no post in 350 works). Preferences and the popularity prior are the user's and DLsite's word, not explored; a
    // blocked work was refused by the user.
    static bool IsCandidate(WorkScored s) =>
        s.Liked == false && (s.ModelVersion > 0 || s.ModelId == PreferenceScorer.AwaitingModel)
        && !s.Reasons.Any(r => r.Source == PreferenceScorer.Source && r.Weight < 0);

    static double Weight(WorkScored s) => Math.Max(s.Score, 0) + Floor;

    static double Draw(string userId, string workId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{workId}"));
        return BinaryPrimitives.ReadUInt64LittleEndian(hash) / (ulong.MaxValue + 1.0);
    }
}
