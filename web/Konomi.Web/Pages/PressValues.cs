using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Konomi.Web.Pages;

/// <summary>
/// The values a press carries, read as the pages write them. One that does not read is refused with the reason, never
/// taken as left out: a rollback without its version would roll back whatever serves, a click without its run would
/// count for no crawl.
/// </summary>
static class PressValues
{
    /// <summary>Null and the version number as the Models page writes it (<c>3</c>), or the 400 that says what is wrong.</summary>
    public static ContentResult? Version(string? text, string field, string nothingDone, out int version)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version)) return null;
        return Refusal(text is null
            ? $"Name the version ({field}=…): nothing {nothingDone}."
            : $"'{Shown(text)}' is not a version number ({field}=…): nothing {nothingDone}.");
    }

    /// <summary>Null and the crawl run a pick came from (none when not sent), or the 400 for a run that is no id.</summary>
    public static ContentResult? Run(string? text, out Guid? run)
    {
        run = null;
        if (text is null) return null;
        if (!Guid.TryParse(text, out var id)) return Refusal($"'{Shown(text)}' is not a crawl run id (run=…): nothing was labelled.");
        run = id == Guid.Empty ? null : id;
        return null;
    }

    /// <summary>
    /// Null for what a page writes in <c>seen</c> (<c>none</c>, or its label's time in milliseconds), which goes into the
    /// click id; anything else would make that id, and the click row, whatever size the form allows.
    /// </summary>
    public static ContentResult? Seen(string? text)
    {
        if (text == "none" || (text is { Length: <= 19 } && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))) return null;
        return Refusal(text is null
            ? "Say which label the page showed (seen=none, or its time in milliseconds): nothing was labelled."
            : $"'{Shown(text)}' is not what a page sends as seen= (none, or a label's time in milliseconds): nothing was labelled.");
    }

    /// <summary>A value as an answer quotes it: at most 40 characters, since it came from the client.</summary>
    public static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;

    static ContentResult Refusal(string reason) => PlainAnswer.Of(StatusCodes.Status400BadRequest, reason);
}
