namespace Konomi.Benchmarks.Tests;

public class PairedF1DifferenceTests
{
    [Fact]
    public void The_difference_is_Konomis_pooled_F1_minus_the_peers()
    {
        bool[] liked = [true, true, false, false];
        // Konomi: TP 2, posted 3 → F1 0.8; peer: TP 1, posted 1 → F1 2/3.
        var d = PairedF1Difference.Of(liked, [true, true, true, false], [true, false, false, false]);

        d.Difference.ShouldBe(0.8 - 2.0 / 3, 1e-12);
        d.Low.ShouldBeLessThanOrEqualTo(d.High);
    }

    [Fact]
    public void Identical_decisions_differ_by_nothing_on_every_resample()
    {
        var random = new Random(3);
        var liked = Enumerable.Range(0, 200).Select(_ => random.NextDouble() < 0.3).ToArray();
        var posted = Enumerable.Range(0, 200).Select(_ => random.NextDouble() < 0.4).ToArray();

        var d = PairedF1Difference.Of(liked, posted, posted);

        (d.Difference, d.Low, d.High).ShouldBe((0.0, 0.0, 0.0));
        d.ClearlyBehind.ShouldBeFalse();
    }

    [Fact]
    public void A_few_rows_apart_both_ways_is_within_the_noise_but_a_worse_policy_throughout_is_clearly_behind()
    {
        var random = new Random(5);
        var liked = Enumerable.Range(0, 300).Select(_ => random.NextDouble() < 0.3).ToArray();
        // The peer posts every like and every fourth other work.
        var peer = liked.Select((l, i) => l || i % 4 == 0).ToArray();
        var likedRows = Enumerable.Range(0, 300).Where(i => liked[i]).ToArray();
        var postedDislikes = Enumerable.Range(0, 300).Where(i => peer[i] && !liked[i]).ToArray();
        // Konomi misses two likes the peer posts and withholds one dislike the peer posts: slightly behind, and another
        // draw of works could reverse it.
        var nearlyPeer = peer.ToArray();
        nearlyPeer[likedRows[0]] = nearlyPeer[likedRows[1]] = nearlyPeer[postedDislikes[0]] = false;
        // Posting everything, against a peer that withholds three quarters of the dislikes.
        var everything = liked.Select(_ => true).ToArray();

        var near = PairedF1Difference.Of(liked, nearlyPeer, peer);
        near.Difference.ShouldBeLessThan(0);
        near.ClearlyBehind.ShouldBeFalse();
        PairedF1Difference.Of(liked, everything, peer).ClearlyBehind.ShouldBeTrue();
    }

    [Fact]
    public void Decisions_for_other_rows_are_refused()
    {
        Should.Throw<ArgumentException>(() => PairedF1Difference.Of([true, false], [true], [true, false]));
    }
}
