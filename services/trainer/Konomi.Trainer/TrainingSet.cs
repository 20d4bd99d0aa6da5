using Konomi.TasteModels;

namespace Konomi.Trainer;

/// <summary>A user's current labels joined with the works they label, as examples in label order.</summary>
public sealed record TrainingSet(string UserId, IReadOnlyList<string> WorkIds, IReadOnlyList<Example> Examples, int MissingWorks)
{
    public int Positives => Examples.Count(e => e.Liked);
}
