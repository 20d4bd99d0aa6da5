namespace Konomi.Feedback;

/// <summary>What remains after a click is stored: redraw the message and tell the other services.</summary>
public sealed record FollowUp(FeedbackClick Click, string Source);
