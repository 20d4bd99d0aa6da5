namespace Konomi.Benchmarks;

/// <summary>One rated item of a user's history, with when it was rated (unix seconds).</summary>
public sealed record ReplayHistoryItem(string Id, string Text, bool Liked, long Time);
