namespace Konomi.TasteModels.Shared;

/// <summary>
/// One person's labelled works. <paramref name="Shares"/> false keeps them out of the shared model both ways:
/// their labels teach nobody else and they are served their own per-user model.
/// </summary>
public sealed record UserExamples(string User, IReadOnlyList<Example> Examples, bool Shares = true);
