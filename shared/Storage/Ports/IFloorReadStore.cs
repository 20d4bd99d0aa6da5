namespace Konomi.Storage.Ports;

/// <summary>The last read of each floor's listing, kept so a floor that stays unread is told once and shown by <c>konomi status</c>.</summary>
public interface IFloorReadStore
{
    /// <summary>Replaces the floor's record with <paramref name="read"/>.</summary>
    Task SaveAsync(FloorRead read, CancellationToken ct = default);

    Task<FloorRead?> FindAsync(string floor, CancellationToken ct = default);

    /// <summary>Every floor's last read, by floor name.</summary>
    Task<IReadOnlyList<FloorRead>> ListAsync(CancellationToken ct = default);
}
