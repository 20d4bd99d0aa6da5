using System.Security.Cryptography;
using System.Text;

namespace Konomi.TasteModels.Evaluation;

/// <summary>Fold of an item from a stable hash of its id, so every run and every language splits alike.</summary>
public static class Folds
{
    public static int ByHash(string id, int folds) => (int)(Hash(id) % (uint)folds);

    /// <summary>
    /// Stratified folds: each answer's items, in the order of their id hash, dealt round-robin, so every fold's
    /// training part holds both answers whenever each answer has at least two items. Fewer folds than asked when
    /// the smaller answer has fewer items than folds (never fewer than two).
    /// </summary>
    public static int[] Stratified(IReadOnlyList<string> ids, IReadOnlyList<bool> liked, int folds)
    {
        var smaller = Math.Min(liked.Count(l => l), liked.Count(l => !l));
        var k = Math.Max(2, Math.Min(folds, smaller));
        var assignment = new int[ids.Count];
        foreach (var answer in new[] { true, false })
        {
            var order = Enumerable.Range(0, ids.Count).Where(i => liked[i] == answer)
                .OrderBy(i => Hash(ids[i])).ThenBy(i => ids[i], StringComparer.Ordinal).ToList();
            for (var rank = 0; rank < order.Count; rank++)
                assignment[order[rank]] = rank % k;
        }
        return assignment;
    }

    static uint Hash(string id) => BitConverter.ToUInt32(MD5.HashData(Encoding.UTF8.GetBytes(id)), 0);
}
