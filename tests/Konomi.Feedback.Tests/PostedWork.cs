using System.Text.Json.Nodes;

namespace Konomi.Feedback.Tests;

/// <summary>A work the notifier (played by the test) posted: where the message is and what it looks like.</summary>
public sealed record PostedWork(string WorkId, string UserId, string Channel, string Ts, JsonArray Blocks, Guid CrawlRunId);
