using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;

namespace Konomi.Inference;

/// <summary>
/// The loaded model of a user's serving version, with the works the user had marked 興味あり when it was
/// loaded, for "like ◯◯, which you marked 興味あり" reasons, and the calibration that turns its scores into probabilities.
/// <paramref name="Bytes"/> is the memory it is estimated to hold, what <see cref="ServingModels"/> counts against its limit.
/// </summary>
public sealed record ServingModel(string UserId, int Version, string Family, ITasteModel Model, LikedNeighbours Liked, ScoreCalibration Calibration, long Bytes);
