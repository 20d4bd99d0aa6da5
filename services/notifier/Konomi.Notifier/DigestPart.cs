using System.Text.Json.Nodes;
using Konomi.Slack;

namespace Konomi.Notifier;

/// <summary>A digest message: its heading (with its number, when the digest was split) and its works.</summary>
public sealed record DigestPart(string Heading, IReadOnlyList<NotifiedWork> Works)
{
    public SlackMessage Message => Of(Works);

    /// <summary>
    /// This part showing only <paramref name="works"/> (those of its works not posted yet, when an earlier attempt got some
    /// of them out): it keeps its heading, number and total, so the reader still sees which part it is.
    /// </summary>
    public SlackMessage Of(IEnumerable<NotifiedWork> works)
    {
        var shown = works.ToList();
        var blocks = new List<JsonNode>();
        foreach (var work in shown)
        {
            if (blocks.Count > 0)
                blocks.Add(BlockKit.Divider());
            blocks.AddRange(WorkMessage.Blocks(work.Work, work.Verdict).Select(b => b!.DeepClone()));
        }
        var text = BlockKit.Truncate(Heading + ": " + string.Join("、", shown.Select(w => w.Work.Title)), BlockKit.MaxFallbackText);
        return new SlackMessage(text, [BlockKit.Header(Heading), .. blocks]);
    }
}
