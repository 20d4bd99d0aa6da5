namespace Konomi.Storage.Ports;

/// <summary>The registry has no such version for the user.</summary>
public sealed class TasteModelNotFoundException(string userId, int version)
    : InvalidOperationException($"No taste model version {version} for user '{userId}'.");
