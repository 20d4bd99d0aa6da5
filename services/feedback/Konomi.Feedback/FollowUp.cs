namespace Konomi.Feedback;

/// <summary>
/// What remains after a click is stored, kept with the click in the label store until done: tell the other
/// services, redraw the message when the clicker is the person it was posted for, and tell an unexpected
/// clicker where their answer went (<paramref name="Notice"/>, shown to them alone).
/// </summary>
public sealed record FollowUp(FeedbackClick Click, string Source, bool Redraw = true, string? Notice = null);
