using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Konomi.Slack;

/// <summary>
/// What a feedback button's <c>value</c> says: which work, for which user, scored by which model version.
/// Format <c>{workId}|{userId}|{modelId}|{modelVersion}</c>, each id percent-escaped (so an id may contain
/// <c>|</c>), version in invariant digits. Notifier writes it, feedback reads it; both through this type.
/// </summary>
public sealed record FeedbackValue(string WorkId, string UserId, string ModelId, int ModelVersion)
{
    const char Separator = '|';

    public string Format()
    {
        var value = string.Join(Separator, Uri.EscapeDataString(WorkId), Uri.EscapeDataString(UserId),
            Uri.EscapeDataString(ModelId), ModelVersion.ToString(CultureInfo.InvariantCulture));
        return value.Length <= BlockKit.MaxButtonValue
            ? value
            : throw new ArgumentException($"Feedback value is {value.Length} characters; Block Kit allows {BlockKit.MaxButtonValue}.");
    }

    /// <summary>False for anything that is not exactly four parts with non-empty ids and a version.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out FeedbackValue? parsed)
    {
        parsed = null;
        var parts = value?.Split(Separator);
        if (parts is not { Length: 4 } || parts[..3].Any(string.IsNullOrEmpty)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return false;
        try
        {
            parsed = new FeedbackValue(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]),
                Uri.UnescapeDataString(parts[2]), version);
            return true;
        }
        catch (UriFormatException)
        {
            return false;
        }
    }
}
