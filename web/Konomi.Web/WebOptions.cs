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

    /// <summary>
    /// Per-person tokens, user id to token (<c>Web__UserTokens__alice</c>): each opens that user's pages alone, as a
    /// Slack click labels only its clicker's model. <see cref="Token"/> opens every user's: the workspace's operator.
    /// </summary>
    public Dictionary<string, string> UserTokens { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every token that opens the pages, with the one user it is limited to (null: every user).</summary>
    public IEnumerable<(string Token, string? UserId)> Keys() =>
        UserTokens.Select(t => (t.Value, (string?)t.Key)).Prepend((Token ?? "", null)).Where(k => k.Item1.Length > 0);

    /// <summary>Scored works shown on the picks page.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Web:Picks must be at least 1")]
    public int Picks { get; set; } = 30;

    /// <summary>Newest stored works the labelling page asks about, as <c>konomi label --limit</c>.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Web:LabellingPool must be at least 1")]
    public int LabellingPool { get; set; } = 200;
}
