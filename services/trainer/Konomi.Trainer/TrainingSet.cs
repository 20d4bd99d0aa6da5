using Konomi.Contracts;
using Konomi.TasteModels;

namespace Konomi.Trainer;

/// <summary>
/// A user's current labels joined with the works they label, as examples in label order, with each label's
/// time (what makes a label fresh evidence for the promotion gate).
/// </summary>
public sealed record TrainingSet(
    string UserId, IReadOnlyList<Work> Works, IReadOnlyList<Example> Examples, IReadOnlyList<DateTimeOffset> LabeledAt, int MissingWorks)
{
    public IReadOnlyList<string> WorkIds => [.. Works.Select(w => w.Id)];

    public int Positives => Examples.Count(e => e.Liked);

    public int Negatives => Examples.Count - Positives;

    public DateTimeOffset? NewestLabel => LabeledAt.Count == 0 ? null : LabeledAt.Max();
}
