namespace Konomi.TasteModels.Ngram;

/// <summary>
/// Feature key → column, open addressing with linear probing. The keys are already well-mixed 32-bit hashes,
/// so the low bits index the table directly: a lookup is a mask and usually one probe (no comparer, no modulo),
/// and a slot is 8 bytes against a <see cref="Dictionary{TKey,TValue}"/> entry's 12 plus its bucket.
/// Scoring does one lookup per distinct n-gram of a work for every user, so this is the serving hot path.
/// </summary>
internal sealed class ColumnTable
{
    private readonly uint[] _keys;
    private readonly int[] _columns;
    private readonly int _mask;

    public ColumnTable(uint[] keys)
    {
        var capacity = 16;
        while (capacity < keys.Length * 2) capacity <<= 1;   // at most half full keeps probe runs short
        (_keys, _columns, _mask) = (new uint[capacity], new int[capacity], capacity - 1);
        Array.Fill(_columns, -1);
        for (var j = 0; j < keys.Length; j++)
        {
            var slot = (int)keys[j] & _mask;
            while (_columns[slot] >= 0) slot = (slot + 1) & _mask;
            (_keys[slot], _columns[slot]) = (keys[j], j);
        }
    }

    public bool TryGet(uint key, out int column)
    {
        for (var slot = (int)key & _mask; ; slot = (slot + 1) & _mask)
        {
            column = _columns[slot];
            if (column < 0) return false;
            if (_keys[slot] == key) return true;
        }
    }
}
