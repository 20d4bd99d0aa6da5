namespace Konomi.Inference;

/// <summary>
/// A user's serving model that cannot be loaded or cannot score (corrupt bytes, an encoder that changed under it,
/// a family whose files are missing). Only that user is affected: the store answered, so retrying will not help.
/// </summary>
public sealed class UnloadableModelException(string userId, int version, string family, Exception inner)
    : Exception($"The serving model of user '{userId}' (version {version}, {family}) cannot be used: {inner.Message}", inner)
{
    public string UserId { get; } = userId;
    public int Version { get; } = version;
    public string Family { get; } = family;

    /// <summary>What went wrong, without the user and version the message leads with.</summary>
    public string Reason => $"{InnerException!.GetType().Name}: {InnerException.Message}";
}
