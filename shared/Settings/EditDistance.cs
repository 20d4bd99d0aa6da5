namespace Konomi.Settings;

/// <summary>Levenshtein distance: the fewest one-letter insertions, deletions and substitutions from one word to another.</summary>
public static class EditDistance
{
    /// <summary>The name of <paramref name="names"/> fewest edits from <paramref name="word"/> (case aside), if at most two.</summary>
    public static string? Nearest(string word, IEnumerable<string> names) =>
        names.Select(n => (Name: n, Distance: Between(word.ToLowerInvariant(), n.ToLowerInvariant())))
            .Where(n => n.Distance <= 2).OrderBy(n => n.Distance).Select(n => n.Name).FirstOrDefault();

    public static int Between(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
