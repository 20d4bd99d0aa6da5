namespace Konomi.Contracts;

/// <summary>
/// Inference could not load or score a user's serving model (corrupt bytes, a family whose files are missing, an
/// encoder that changed under it) and scores that user cold start in its place. Published once per inference process
/// for each such version, so the trainer can replace it without waiting for the user's next label.
/// </summary>
public sealed record ServingModelFailed(
    string UserId,
    int Version,
    string Family,
    string Reason,
    DateTimeOffset At);
