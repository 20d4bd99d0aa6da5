namespace Konomi.TasteModels.Ngram;

/// <summary>
/// How a text becomes feature keys: the n-gram lengths, whether whole Latin words count, whether the title's keys are
/// apart, and whether n-grams stop at spaces. Saved with a model, so scoring hashes a text exactly as training did.
/// </summary>
internal readonly record struct TextShape(int MinN, int MaxN, bool Words, bool TitleApart, bool WordBounded)
{
    public static TextShape Of(NgramOptions options) => new(options.MinN, options.MaxN, options.Words, options.TitleApart, options.WordBounded);
}
