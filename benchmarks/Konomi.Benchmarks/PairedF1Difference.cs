namespace Konomi.Benchmarks;

/// <summary>
/// Konomi's pooled F1 minus the peer's on the same rows, with a 95% paired bootstrap interval: rows are resampled with
/// both decisions attached, so the interval is the spread the difference would have on another draw of this user's
/// works. A difference whose interval holds 0 is within the noise of a few hundred labels.
/// </summary>
public sealed record PairedF1Difference(double Difference, double Low, double High)
{
    const int Resamples = 2000;

    /// <summary>Below the peer beyond the noise: even the interval's top is under 0.</summary>
    public bool ClearlyBehind => High < 0;

    public static PairedF1Difference Of(IReadOnlyList<bool> liked, IReadOnlyList<bool> konomi, IReadOnlyList<bool> peer)
    {
        if (konomi.Count != liked.Count || peer.Count != liked.Count)
            throw new ArgumentException($"{liked.Count} labels, {konomi.Count} Konomi decisions, {peer.Count} peer decisions: they must be the same rows.");
        var n = liked.Count;
        var count = new int[n];
        for (var i = 0; i < n; i++) count[i] = 1;
        var difference = Difference(count);
        // Seeded: the same decisions print the same interval.
        var random = new Random(31);
        var differences = new double[Resamples];
        for (var b = 0; b < Resamples; b++)
        {
            Array.Clear(count);
            for (var i = 0; i < n; i++) count[random.Next(n)]++;
            differences[b] = Difference(count);
        }
        Array.Sort(differences);
        return new PairedF1Difference(difference, differences[(int)(0.025 * Resamples)], differences[(int)(0.975 * Resamples) - 1]);

        double Difference(int[] weight)
        {
            int konomiTp = 0, konomiPosted = 0, peerTp = 0, peerPosted = 0, positives = 0;
            for (var i = 0; i < n; i++)
            {
                if (weight[i] == 0) continue;
                if (liked[i]) positives += weight[i];
                if (konomi[i]) { konomiPosted += weight[i]; if (liked[i]) konomiTp += weight[i]; }
                if (peer[i]) { peerPosted += weight[i]; if (liked[i]) peerTp += weight[i]; }
            }
            return F1(konomiTp, konomiPosted, positives) - F1(peerTp, peerPosted, positives);
        }
    }

    static double F1(int truePositives, int posted, int positives) => truePositives == 0 ? 0 : 2.0 * truePositives / (posted + positives);
}
