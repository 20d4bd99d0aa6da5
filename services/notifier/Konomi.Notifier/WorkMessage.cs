using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Konomi.Contracts;
using Konomi.Slack;
using static Konomi.Slack.BlockKit;

namespace Konomi.Notifier;

/// <summary>
/// One work as Block Kit: the linked title with circle, voice actors, genres, release date, price and the
/// thumbnail; the score with the top reasons; and the 興味あり! / 別に… buttons (block_id <c>fb:{workId}</c>).
/// </summary>
public static class WorkMessage
{
    const int MaxNames = 5;
    const int MaxReasons = 3;
    const int MaxTitle = 200;

    public static SlackMessage Single(Work work, WorkScored verdict) => new(FallbackText(work), Blocks(work, verdict));

    public static string FallbackText(Work work) =>
        Truncate(string.IsNullOrEmpty(work.Circle) ? work.Title : $"{work.Title} / {work.Circle}", MaxFallbackText);

    public static JsonArray Blocks(Work work, WorkScored verdict) =>
    [
        Section(Details(work), Thumbnail(work)),
        Section(Why(verdict)),
        Buttons(verdict),
    ];

    static string Details(Work work)
    {
        var text = new StringBuilder($"*<{Escape(Address(work.Url))}|{Escape(Truncate(work.Title, MaxTitle))}>*");
        Line(text, "サークル", work.Circle);
        Line(text, "声優", Names(work.VoiceActors));
        Line(text, "ジャンル", Names(work.Genres));
        Line(text, "発売日", work.ReleaseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line(text, "価格", work.PriceYen?.ToString("¥#,0", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>How an exploration post is marked: not a recommendation, a try, so a 別に… on it is no surprise.</summary>
    public const string ExplorationMark = "おためし";

    static string Why(WorkScored verdict)
    {
        // The score is a calibrated probability: "0.80" means liked about 8 times in 10. A work explored for a user
        // without a model (version 0) has no score worth showing: the user's answer is what trains the first model.
        var text = new StringBuilder(verdict switch
        {
            { ExplorationProbability: null } => string.Create(CultureInfo.InvariantCulture, $"*おすすめの理由* (score {verdict.Score:0.00})"),
            { ModelVersion: 0 } => $"*{ExplorationMark}* まだ好みを学習中です。興味あり! / 別に… の答えがモデルを育てます (your answer teaches your taste model)",
            _ => string.Create(CultureInfo.InvariantCulture, $"*{ExplorationMark}* いつもの好みとは違うかもしれない作品です (trying something new; score {verdict.Score:0.00})"),
        });
        foreach (var reason in verdict.Reasons.Where(r => r.Weight > 0).OrderByDescending(r => r.Weight).Take(MaxReasons))
            text.Append("\n• ").Append(Escape(reason.Text));
        // Posted without a model (popularity, preferences, or to explore): why, so a user whose first model the gate
        // rejected is not left thinking it picked this.
        if (verdict.NoModel is { } noModel)
            text.Append("\n_no taste model: ").Append(Escape(noModel)).Append('_');
        return text.ToString();
    }

    static JsonObject Buttons(WorkScored verdict)
    {
        var value = new FeedbackValue(verdict.WorkId, verdict.UserId, verdict.ModelId, verdict.ModelVersion).Format();
        return Actions(FeedbackActions.BlockId(verdict.WorkId),
            Button(FeedbackActions.InterestedText, FeedbackActions.Interested, value, "primary"),
            Button(FeedbackActions.NotInterestedText, FeedbackActions.NotInterested, value));
    }

    // Slack ends a link's address at the first '|' or space: percent-escaped, the whole address is the link.
    static string Address(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal) : url;

    // Slack loads accessory images itself and needs an absolute http(s) URL; DLsite pages use "//img…".
    static JsonObject? Thumbnail(Work work)
    {
        var url = work.ThumbnailUrl?.StartsWith("//", StringComparison.Ordinal) == true ? "https:" + work.ThumbnailUrl : work.ThumbnailUrl;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? Image(uri.AbsoluteUri, work.Title)
            : null;
    }

    static string? Names(IReadOnlyList<string> names) => names.Count == 0 ? null
        : string.Join("、", names.Take(MaxNames)) + (names.Count > MaxNames ? " ほか" : "");

    static void Line(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            text.Append('\n').Append(label).Append(": ").Append(Escape(value));
    }
}
