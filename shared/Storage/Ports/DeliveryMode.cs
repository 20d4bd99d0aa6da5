namespace Konomi.Storage.Ports;

public enum DeliveryMode
{
    /// <summary>One message per liked work.</summary>
    Instant,
    /// <summary>One message per crawl run listing the liked works.</summary>
    Digest,
}
