using Konomi.TasteModels;

namespace Konomi.Inference;

/// <summary>The loaded model of a user's serving version.</summary>
public sealed record ServingModel(string UserId, int Version, ITasteModel Model);
