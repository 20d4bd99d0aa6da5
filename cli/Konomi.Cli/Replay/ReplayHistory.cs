namespace Konomi.Cli.Replay;

/// <summary>One person's history in a replay: their items in arrival order, each labelled with their own answer.</summary>
public sealed record ReplayHistory(string User, IReadOnlyList<ReplayItem> Items);
