using System.Globalization;

namespace Konomi.Benchmarks;

/// <summary>
/// The many-users table: per user, AP and F1 are the means over their held-out folds (as the peer reports them);
/// the table gives the mean over users and on how many users each model is at least the peer.
/// </summary>
public sealed record SharedBenchmarkResult(int MinRatings, bool Sampled, IReadOnlyList<int> Users, IReadOnlyList<SharedBenchmarkFold> Folds, IReadOnlyList<PeerResult> Peer, double TrainSecondsPerFold)
{
    /// <summary>The users put in the workspace by name (<c>--users</c>), whatever their number of ratings.</summary>
    public IReadOnlyList<int> Listed { get; init; } = [];

    public string Render()
    {
        var peerOf = PeerOf();
        var byUser = Folds.GroupBy(f => f.User).ToArray();
        (double Ap, double F1, int ApAtLeastPeer, int F1AtLeastPeer) Summary(Func<SharedBenchmarkFold, double> ap, Func<SharedBenchmarkFold, double> f1)
        {
            var perUser = byUser.Select(g => (User: g.Key, Ap: g.Average(ap), F1: g.Average(f1))).ToArray();
            return (perUser.Average(u => u.Ap), perUser.Average(u => u.F1),
                perUser.Count(u => u.Ap >= peerOf[u.User].AveragePrecision), perUser.Count(u => u.F1 >= peerOf[u.User].F1));
        }
        var rows = new (string Name, (double Ap, double F1, int? ApWins, int? F1Wins) Figures)[]
        {
            ("post everything (trivial)", Summary(f => f.PositiveRate, f => 2 * f.PositiveRate / (1 + f.PositiveRate))),
            ("scikit-learn peer (train-fold threshold)", (byUser.Average(g => peerOf[g.Key].AveragePrecision), byUser.Average(g => peerOf[g.Key].F1), null, null)),
            ("Konomi ngram, per user", Summary(f => f.Personal.PrAuc, f => f.Personal.F1)),
            ("Konomi ngram, shared + per-user offsets", Summary(f => f.Shared.PrAuc, f => f.Shared.F1)),
            ("Konomi ngram, shared + offsets + co-likes (others labelled the work)", Summary(f => f.SharedCoLikes.PrAuc, f => f.SharedCoLikes.F1)),
            ("Konomi ngram, shared + offsets + co-likes (new work, nobody labelled it)", Summary(f => f.SharedColdCoLikes.PrAuc, f => f.SharedColdCoLikes.F1)),
            ("Konomi, picked per user on training data", Summary(f => f.Picked.PrAuc, f => f.Picked.F1)),
        };
        var who = (Listed.Count > 0 ? $"{string.Join(", ", Listed)} as listed, and " : "") + (Sampled ? "a seeded random sample of the other users" : "every other user");
        var lines = new List<string>
        {
            $"{Users.Count} MovieLens users ({who} with >= {MinRatings} ratings), 5 folds (movieId mod 5); AP and F1 averaged over each user's folds, then over users.",
            "",
            "| model | mean AP | mean F1 | users AP >= peer | users F1 >= peer |",
            "|---|---|---|---|---|",
        };
                // The peer against itself is no comparison: "-", not n/n.
        string Wins(int? wins) => wins is { } n ? $"{n}/{byUser.Length}" : "-";
        lines.AddRange(rows.Select(r => $"| {r.Name} | {F(r.Figures.Ap)} | {F(r.Figures.F1)} | {Wins(r.Figures.ApWins)} | {Wins(r.Figures.F1Wins)} |"));
        lines.Add("");
        lines.Add($"The shared model served {Folds.Count(f => f.PickedShared)} of {Folds.Count} user-folds; one workspace training (inner CV, {Users.Count} users) took {F(TrainSecondsPerFold)} s per fold.");
        return string.Join('\n', lines);
    }

    /// <summary>One line per user: per-user, shared, picked and peer (AP / F1).</summary>
    public IEnumerable<string> PerUser()
    {
        var peers = PeerOf();
        return Folds.GroupBy(f => f.User).Select(g =>
        {
            var peer = peers[g.Key];
            return $"user {g.Key}: per-user {F(g.Average(f => f.Personal.PrAuc))}/{F(g.Average(f => f.Personal.F1))}, shared {F(g.Average(f => f.Shared.PrAuc))}/{F(g.Average(f => f.Shared.F1))}, " +
                $"+co-likes {F(g.Average(f => f.SharedCoLikes.PrAuc))}/{F(g.Average(f => f.SharedCoLikes.F1))} (new work {F(g.Average(f => f.SharedColdCoLikes.PrAuc))}/{F(g.Average(f => f.SharedColdCoLikes.F1))}), " +
                $"picked {F(g.Average(f => f.Picked.PrAuc))}/{F(g.Average(f => f.Picked.F1))} ({g.Count(f => f.PickedShared)}/{g.Count()} shared), peer {F(peer.AveragePrecision)}/{F(peer.F1)}";
        });
    }

    private Dictionary<int, PeerMetrics> PeerOf() => Users.Select((user, i) => (user, Peer[i].TrainFolds)).ToDictionary(x => x.user, x => x.TrainFolds);

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
