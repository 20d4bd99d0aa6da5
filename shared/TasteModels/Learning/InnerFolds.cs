namespace Konomi.TasteModels.Learning;

/// <summary>Stratified, deterministic folds inside a training set: liked and not-liked dealt round-robin in order.</summary>
public static class InnerFolds
{
    public static int[] Assign(IReadOnlyList<bool> liked, int folds)
    {
        var assignment = new int[liked.Count];
        var next = new int[2];
        for (var i = 0; i < liked.Count; i++)
        {
            var label = liked[i] ? 1 : 0;
            assignment[i] = next[label];
            next[label] = (next[label] + 1) % folds;
        }
        return assignment;
    }
}
