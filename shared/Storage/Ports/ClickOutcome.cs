namespace Konomi.Storage.Ports;

public enum ClickOutcome
{
    /// <summary>New click; it is now the current label unless a later click already was.</summary>
    Recorded,
    /// <summary>This click id was recorded before: nothing changed.</summary>
    Duplicate,
}
