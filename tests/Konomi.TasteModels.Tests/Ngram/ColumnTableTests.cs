using Konomi.TasteModels.Ngram;

namespace Konomi.TasteModels.Tests.Ngram;

public class ColumnTableTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1_000)]
    [InlineData(70_000)]
    public void Every_key_finds_its_position_and_no_other_key_finds_one(int count)
    {
        var random = new Random(count);
        var keys = new HashSet<uint>();
        while (keys.Count < count) keys.Add((uint)random.NextInt64(0, 1L << 32));
        uint[] sorted = [.. keys.Order()];
        var table = new ColumnTable(sorted);

        for (var j = 0; j < sorted.Length; j++)
        {
            Assert.True(table.TryGet(sorted[j], out var column));
            Assert.Equal(j, column);
        }
        for (var probe = 0; probe < 10_000; probe++)
        {
            var key = (uint)random.NextInt64(0, 1L << 32);
            Assert.Equal(keys.Contains(key), table.TryGet(key, out var column));
            Assert.Equal(keys.Contains(key) ? Array.BinarySearch(sorted, key) : -1, column);
        }
    }

    [Fact]
    public void The_smallest_and_largest_keys_and_keys_crowded_into_one_bucket_are_found()
    {
        uint[] sorted = [0, 1, 2, 3, 4, 5, 6, 7, 0x8000_0000, uint.MaxValue - 1, uint.MaxValue];
        var table = new ColumnTable(sorted);

        for (var j = 0; j < sorted.Length; j++)
        {
            Assert.True(table.TryGet(sorted[j], out var column));
            Assert.Equal(j, column);
        }
        Assert.False(table.TryGet(8, out _));
        Assert.False(table.TryGet(0x7FFF_FFFF, out _));
        Assert.False(table.TryGet(uint.MaxValue - 2, out _));
    }

    [Fact]
    public void Keys_out_of_order_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ColumnTable([5, 3]));
    }
}
