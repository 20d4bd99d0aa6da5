using Konomi.Benchmarks.Ablations;

namespace Konomi.Benchmarks.Tests.Ablations;

public class AblationTableTests
{
    static readonly bool[] Liked = [.. Enumerable.Range(0, 300).Select(i => i % 3 == 0)];

    [Fact]
    public void A_setting_behind_beyond_its_noise_is_marked_twice_and_counted()
    {
        // The peer posts exactly the likes; the variant posts everything.
        var peer = new AblationResult("scikit-learn peer", "user 1", 1.0, 1.0, 0) { Posted = Liked };
        var variant = new AblationResult("defaults", "user 1", 0.5, 0.9, 5) { Posted = [.. Liked.Select(_ => true)], Liked = Liked };

        var table = AblationTable.Render([variant], [peer]);

        var row = table.Split('\n').Single(l => l.StartsWith("| defaults", StringComparison.Ordinal));
        row.ShouldContain("0.500 · 0.900 ▼▼");
        row.ShouldContain("| 0/1 | 1/1 |");
    }

    [Fact]
    public void A_setting_behind_within_its_noise_is_marked_once_and_not_counted()
    {
        var peerPosted = Liked.Select((l, i) => l || i % 4 == 1).ToArray();
        // Two likes fewer and one dislike fewer than the peer: a loss another draw of works could reverse.
        var posted = peerPosted.ToArray();
        posted[0] = posted[3] = posted[1] = false;
        var peer = new AblationResult("scikit-learn peer", "user 1", 0.8, 0.8, 0) { Posted = peerPosted };
        var variant = new AblationResult("defaults", "user 1", 0.79, 0.8, 0) { Posted = posted, Liked = Liked };

        var row = AblationTable.Render([variant], [peer]).Split('\n').Single(l => l.StartsWith("| defaults", StringComparison.Ordinal));

        row.ShouldContain("0.790 · 0.800 ▼ |");
        row.ShouldContain("| 0/1 | 0/1 |");
    }
}
