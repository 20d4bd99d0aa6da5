using Konomi.Storage.Ports;

namespace Konomi.Feedback;

/// <summary>
/// What remains after a click is stored: redraw the Slack message it came from (none for a click in the web
/// app) and tell the other services. <paramref name="CrawlRunId"/> is the crawl the clicked work came from
/// when the caller knows it; for a Slack click it is found through the posted message.
/// </summary>
public sealed record FollowUp(Click Click, FeedbackClick? Message, Guid? CrawlRunId = null);
