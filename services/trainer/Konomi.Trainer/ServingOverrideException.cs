namespace Konomi.Trainer;

/// <summary>A promotion or rollback a person asked for that cannot be done; the message says why.</summary>
public sealed class ServingOverrideException(string message) : Exception(message);
