namespace Konomi.TasteModels.Ngram;

/// <summary>
/// Feature key → column, where a key's column is its position among the model's keys, which are sorted. The keys are
/// well-mixed 32-bit hashes, so their top bits spread them evenly: a bucket per top-bits value holds one or two keys on average,
/// and a lookup reads where its bucket starts and compares the few keys there, side by side in the sorted array.
/// The index is one int per bucket (2-4 bytes a key) over the model's own key array: an open-addressing table kept a
/// second copy of every key and a column beside it in a table at most half full, 16-32 bytes a key, two thirds of a
/// model trained on a few hundred long works (docs/scale.md). Scoring does one lookup per distinct n-gram of a work
/// for every user, so this is the serving hot path: two reads, as the table's.
/// </summary>
internal sealed class ColumnTable
{
    private readonly uint[] _keys;
    private readonly int[] _starts;
    private readonly int _shift;

    /// <param name="sortedKeys">Ascending; kept, not copied.</param>
    public ColumnTable(uint[] sortedKeys)
    {
        for (var j = 1; j < sortedKeys.Length; j++)
            if (sortedKeys[j] < sortedKeys[j - 1]) throw new ArgumentException("Feature keys must be sorted.", nameof(sortedKeys));
        var bits = 1;
        while (bits < 30 && 1 << bits < sortedKeys.Length / 2) bits++;   // at least half as many buckets as keys
        (_keys, _shift, _starts) = (sortedKeys, 32 - bits, new int[(1 << bits) + 1]);
        var position = 0;
        for (var bucket = 0; bucket < 1 << bits; bucket++)
        {
            _starts[bucket] = position;
            while (position < sortedKeys.Length && sortedKeys[position] >> _shift == bucket) position++;
        }
        _starts[1 << bits] = sortedKeys.Length;
    }

    public bool TryGet(uint key, out int column)
    {
        var bucket = (int)(key >> _shift);
        for (var position = _starts[bucket]; position < _starts[bucket + 1]; position++)
        {
            if (_keys[position] < key) continue;
            column = _keys[position] == key ? position : -1;
            return column >= 0;
        }
        column = -1;
        return false;
    }
}
