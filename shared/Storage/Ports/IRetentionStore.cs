namespace Konomi.Storage.Ports;

/// <summary>
/// Removes what has stopped mattering, so the store stops growing where it should. Never touches a current
/// label, the click a current label came from, a serving or candidate model version, a work or a notification.
/// </summary>
public interface IRetentionStore
{
    /// <summary>Prunes by <paramref name="policy"/> as of <paramref name="now"/>; returns what was removed.</summary>
    Task<RetentionResult> PruneAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct = default);
}
