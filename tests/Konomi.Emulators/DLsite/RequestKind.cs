namespace Konomi.Emulators.DLsite;

/// <summary>What a request to the emulator asked for, for per-kind request counts.</summary>
public enum RequestKind
{
    Robots,
    Listing,
    ProductJson,
    WorkPage,
    AnnouncePage,
    Other,
}
