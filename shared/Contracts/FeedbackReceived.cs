namespace Konomi.Contracts;

/// <summary>A user said whether a work interests them (a Slack button, the annotator, an import).</summary>
public sealed record FeedbackReceived(
    string WorkId,
    string UserId,
    bool Interested,
    string Source,
    DateTimeOffset At,
    Guid? CrawlRunId);
