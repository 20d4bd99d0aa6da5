namespace Konomi.Storage.Ports;

/// <summary>
/// The web app's form keys (ASP.NET Data Protection's key ring, as XML text), kept in the store so a restart or
/// another replica over the same store reads the forms the others wrote. Append only: an element is never changed.
/// </summary>
public interface IKeyRingStore
{
    /// <summary>Every element added so far, in no promised order.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken ct = default);

    /// <summary>Keeps one more element; <paramref name="name"/> is what Data Protection calls it, for a person reading the store.</summary>
    Task AddAsync(string name, string xml, CancellationToken ct = default);

    /// <summary>
    /// Keeps the ring's first element, only while the ring holds none: false when another got there first (two replicas
    /// starting together on an empty store each make a first key; the one kept is the one both use).
    /// </summary>
    Task<bool> AddFirstAsync(string name, string xml, CancellationToken ct = default);
}
