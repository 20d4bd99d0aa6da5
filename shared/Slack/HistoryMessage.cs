namespace Konomi.Slack;

/// <summary>A message of a conversation's history: its ts and the metadata it was posted with, if any.</summary>
public sealed record HistoryMessage(string Ts, SlackMetadata? Metadata);
