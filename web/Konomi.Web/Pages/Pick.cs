using Konomi.Contracts;
using Konomi.Storage.Ports;

namespace Konomi.Web.Pages;

/// <summary>A scored work on the picks page with the user's current label, if any.</summary>
public sealed record Pick(Work Work, WorkScored Score, Label? Label)
{
    public FeedbackButtons Buttons => new(Score.UserId, Work.Id, Score.CrawlRunId, Label);
}

/// <summary>
/// The 興味あり!/別に… pair for one work. <see cref="Seen"/> names the label the page showed, so the same
/// press sent twice is one click while a later change of mind is a new one.
/// </summary>
public sealed record FeedbackButtons(string UserId, string WorkId, Guid CrawlRunId, Label? Label)
{
    public string Seen => Label is null ? "none" : Label.LabeledAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
