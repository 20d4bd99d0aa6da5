namespace Konomi.Storage.Ports;

public enum NotificationStatus
{
    Pending,
    Sent,
    Failed,
}
