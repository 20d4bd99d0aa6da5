namespace Konomi.Storage.Ports;

/// <summary>
/// The crawler's last read of one floor's listing: when it was, and, when it failed, why (<c>kind: reason</c>, as the crawl
/// report counts it) and since when the floor has gone unread. <c>konomi status</c> shows a floor whose last read failed.
/// </summary>
public sealed record FloorRead(string Floor, DateTimeOffset ReadAt, string? Error = null, DateTimeOffset? UnreadSince = null)
{
    public bool Failed => Error is not null;
}
