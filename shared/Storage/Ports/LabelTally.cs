namespace Konomi.Storage.Ports;

/// <summary>
/// A user's current labels at a glance: how many, how many say 興味あり, and the newest label time. Two tallies that
/// differ mean the user's labels changed, by whatever path they came (a click, <c>konomi label</c>, an import).
/// </summary>
public sealed record LabelTally(string UserId, int Labels, int Liked, DateTimeOffset Newest);
