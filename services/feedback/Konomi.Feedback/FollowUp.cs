using Konomi.Storage.Ports;

namespace Konomi.Feedback;

/// <summary>
/// What remains after a click is stored, kept with the click in the label store until done: tell the other
/// services; for a Slack click (<paramref name="Message"/>) redraw the message when the clicker is the person it
/// was posted for (<paramref name="Redraw"/>), and tell an unexpected clicker where their answer went
/// (<paramref name="Notice"/>, shown to them alone). A click in the web app has no message.
/// <paramref name="CrawlRunId"/> is the crawl the work came from when the caller knows it; for a Slack click it
/// is found through the posted message.
/// </summary>
public sealed record FollowUp(Click Click, FeedbackClick? Message = null, bool Redraw = false, string? Notice = null, Guid? CrawlRunId = null);
