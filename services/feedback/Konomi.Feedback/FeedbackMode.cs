namespace Konomi.Feedback;

/// <summary>How clicks reach Konomi: over a Socket Mode WebSocket Konomi opens, or Slack POSTing to a public URL.</summary>
public enum FeedbackMode
{
    Socket,
    Http,
}
