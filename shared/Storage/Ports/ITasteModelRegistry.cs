namespace Konomi.Storage.Ports;

/// <summary>
/// Versions of each user's taste model. Versions count up per user from 1. At most one version per user
/// is <see cref="TasteModelStatus.Serving"/>; promoting one retires the previous.
/// </summary>
public interface ITasteModelRegistry
{
    /// <summary>Stores a new version with the next number for the user.</summary>
    Task<TasteModelVersion> RegisterAsync(TasteModelDraft draft, CancellationToken ct = default);

    Task<TasteModelVersion?> FindServingAsync(string userId, CancellationToken ct = default);

    Task<TasteModelVersion?> FindAsync(string userId, int version, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<TasteModelVersion>> ListAsync(string userId, CancellationToken ct = default);

    Task<byte[]> LoadBytesAsync(string userId, int version, CancellationToken ct = default);

    /// <summary>Makes the version serving (retiring the previous serving one) with a reason.</summary>
    Task PromoteAsync(string userId, int version, string reason, CancellationToken ct = default);

    /// <summary>
    /// Promotes the version only while <paramref name="serving"/> (null: no version) is what serves, as one step; false,
    /// and nothing changed, when another promotion came first. For a change decided on what served then: a gate's
    /// verdict against it, a person's Roll back from it.
    /// </summary>
    Task<bool> PromoteIfServingAsync(string userId, int version, string reason, int? serving, CancellationToken ct = default);

    /// <summary>Marks a version rejected with a reason; it never serves unless promoted by hand.</summary>
    Task RejectAsync(string userId, int version, string reason, CancellationToken ct = default);
}
