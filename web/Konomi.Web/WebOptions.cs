using System.ComponentModel.DataAnnotations;

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
    [Range(1, int.MaxValue, ErrorMessage = "Web:Picks must be at least 1")]
    public int Picks { get; set; } = 30;

    /// <summary>Newest stored works the labelling page asks about, as <c>konomi label --limit</c>.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Web:LabellingPool must be at least 1")]
    public int LabellingPool { get; set; } = 200;
}
