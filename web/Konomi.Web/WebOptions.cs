namespace Konomi.Web;

/// <summary>Section <c>Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// Required when any listener is beyond loopback: open <c>/?token=…</c> once and a cookie carries it after.
    /// Unset, the web app answers only on loopback-only listeners.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Scored works shown on the picks page.</summary>
    public int Picks { get; set; } = 30;

    /// <summary>Newest stored works the labelling page asks about, as <c>konomi label --limit</c>.</summary>
    public int LabellingPool { get; set; } = 200;
}
