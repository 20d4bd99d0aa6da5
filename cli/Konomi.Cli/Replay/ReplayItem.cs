namespace Konomi.Cli.Replay;

/// <summary>One line of a replay file: a work's text, whether the user liked it, and when it arrived (unix seconds).</summary>
public sealed record ReplayItem(string Id, string Text, bool Liked, long Time);
