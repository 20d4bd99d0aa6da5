namespace Konomi.Storage.Ports;

public enum TasteModelStatus
{
    /// <summary>Registered, not yet judged.</summary>
    Candidate,
    Serving,
    Retired,
    Rejected,
}
