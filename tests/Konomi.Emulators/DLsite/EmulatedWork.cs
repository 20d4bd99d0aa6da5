namespace Konomi.Emulators.DLsite;

/// <summary>A work the emulator serves, in the listing of its floor, through product.json and on its page.</summary>
public sealed record EmulatedWork(
    string Id,
    string Floor,
    string Title,
    string Circle,
    string VoiceActor,
    DateOnly ReleaseDate,
    int PriceYen,
    EmulatedWorkState State);
