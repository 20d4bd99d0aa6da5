namespace Konomi.TasteModels.Shared;

/// <summary>
/// What a workspace training gives one person: their per-user model, the shared model seen through their own
/// offsets (null when they were not pooled), and which of the two serves them. The choice compares both on the
/// person's own labels, scored out of fold inside the training data (average precision), so it is made on
/// training data only.
/// </summary>
public sealed record UserTasteModel(string User, ITasteModel Personal, ITasteModel? Shared, double PersonalAveragePrecision, double SharedAveragePrecision)
{
    public bool UsesShared => Shared is not null && SharedAveragePrecision > PersonalAveragePrecision;

    public ITasteModel Model => UsesShared ? Shared! : Personal;
}
