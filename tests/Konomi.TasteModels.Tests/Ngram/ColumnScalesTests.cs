using Konomi.TasteModels.Ngram;

namespace Konomi.TasteModels.Tests.Ngram;

public class ColumnScalesTests
{
    [Fact]
    public void Columns_with_the_same_idf_and_presence_share_one_pair_and_each_reads_back_its_own_bits()
    {
        var nextUp = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(2.5f) + 1);
        float[] idf = [2.5f, 2.5f, 2.5f, nextUp, 1f, 1f];
        float[] presence = [0.25f, 0.25f, -0.25f, 0.25f, 0f, -0f];

        var scales = ColumnScales.Of(idf, presence);

        Assert.Equal(5, scales.Pairs);
        for (var column = 0; column < idf.Length; column++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(idf[column]), BitConverter.SingleToInt32Bits(scales.Idf(column)));
            Assert.Equal(BitConverter.SingleToInt32Bits(presence[column]), BitConverter.SingleToInt32Bits(scales.Presence(column)));
        }
    }

    [Fact]
    public void Without_a_vote_every_presence_is_zero_and_only_the_idf_values_are_shared()
    {
        var scales = ColumnScales.Of([3f, 1.5f, 3f, 3f], []);

        Assert.False(scales.HasPresence);
        Assert.Equal(2, scales.Pairs);
        Assert.Equal([3f, 1.5f, 3f, 3f], Enumerable.Range(0, 4).Select(scales.Idf));
        Assert.All(Enumerable.Range(0, 4), column => Assert.Equal(0f, scales.Presence(column)));
    }

    [Fact]
    public void More_distinct_pairs_than_an_index_counts_keep_one_pair_per_column()
    {
        var idf = Enumerable.Range(0, 70_000).Select(i => 1f + i / 1024f).ToArray();
        var presence = idf.Select(value => -value).ToArray();

        var scales = ColumnScales.Of(idf, presence);

        Assert.Equal(70_000, scales.Pairs);
        for (var column = 0; column < idf.Length; column++)
        {
            Assert.Equal(idf[column], scales.Idf(column));
            Assert.Equal(presence[column], scales.Presence(column));
        }
    }

    [Fact]
    public void A_vote_added_later_keeps_every_idf()
    {
        var scales = ColumnScales.Of([2f, 2f, 4f], []).WithPresence([0.5f, -0.5f, 0.5f]);

        Assert.Equal([2f, 2f, 4f], Enumerable.Range(0, 3).Select(scales.Idf));
        Assert.Equal([0.5f, -0.5f, 0.5f], Enumerable.Range(0, 3).Select(scales.Presence));
        Assert.Equal(3, scales.Pairs);
    }

    [Fact]
    public void A_presence_weight_missing_for_some_columns_is_refused() =>
        Assert.Throws<ArgumentException>(() => ColumnScales.Of([1f, 2f], [0.5f]));
}
