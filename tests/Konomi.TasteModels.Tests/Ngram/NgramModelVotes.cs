using Konomi.TasteModels.Ngram;

namespace Konomi.TasteModels.Tests.Ngram;

internal static class NgramModelVotes
{
    /// <summary>What each key adds by being in a work (the Naive-Bayes vote), one per key; null without a vote.</summary>
    public static float[]? Votes(this NgramModel model) => model.Vectorizer.Scales.HasPresence
        ? [.. Enumerable.Range(0, model.Vectorizer.Keys.Length).Select(model.Vectorizer.Scales.Presence)]
        : null;
}
