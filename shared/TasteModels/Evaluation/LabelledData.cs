namespace Konomi.TasteModels.Evaluation;

/// <summary>Examples read from a labelled file, with their ids and fold numbers in the same order.</summary>
public sealed record LabelledData(IReadOnlyList<string> Ids, IReadOnlyList<Example> Examples, IReadOnlyList<int> Folds);
