namespace Konomi.TasteModels.Learning;

/// <summary>
/// Stratified, deterministic folds inside a training set: liked and not-liked dealt round-robin, in order for the
/// first dealing and in an order shuffled with the dealing's number as seed for each further one.
/// </summary>
public static class InnerFolds
{
    public static int[] Assign(IReadOnlyList<bool> liked, int folds, int dealing = 0)
    {
        var assignment = new int[liked.Count];
        var next = new int[2];
        var order = Enumerable.Range(0, liked.Count).ToArray();
        if (dealing > 0) new Random(dealing).Shuffle(order);
        foreach (var i in order)
        {
            var label = liked[i] ? 1 : 0;
            assignment[i] = next[label];
            next[label] = (next[label] + 1) % folds;
        }
        return assignment;
    }
}
