namespace Konomi.Slack;

/// <summary>
/// The two feedback buttons every notified work carries. Their actions block has block_id
/// <c>fb:{workId}</c>, so a digest's buttons can be found per work; each value is a <see cref="FeedbackValue"/>.
/// </summary>
public static class FeedbackActions
{
    public const string Interested = "feedback.interested";
    public const string NotInterested = "feedback.not_interested";
    public const string BlockIdPrefix = "fb:";

    public const string InterestedText = "興味あり!";
    public const string NotInterestedText = "別に…";

    public static string BlockId(string workId) => BlockIdPrefix + workId;
}
