using Konomi.Contracts;
using Konomi.TasteModels;

namespace Konomi.Labelling;

/// <summary><see cref="Model"/> is the ordering model, null while the queue is still in pool order.</summary>
public sealed record LabellingState(List<(Work Work, bool Liked)> Labelled, List<Work> Pending, ITasteModel? Model);
