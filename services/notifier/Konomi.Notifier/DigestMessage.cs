using System.Text.Json.Nodes;
using Konomi.Slack;

namespace Konomi.Notifier;

/// <summary>
/// One crawl run's liked works for one user: a header, then each work with its own buttons. Block Kit
/// allows 50 blocks per message, so a long digest is split into numbered parts.
/// </summary>
public static class DigestMessage
{
    public static IReadOnlyList<(SlackMessage Message, IReadOnlyList<NotifiedWork> Works)> Split(IReadOnlyList<NotifiedWork> works)
    {
        var parts = new List<(List<JsonObject> Blocks, List<NotifiedWork> Works)>();
        foreach (var work in works)
        {
            var blocks = WorkMessage.Blocks(work.Work, work.Verdict).Cast<JsonObject>().Select(b => (JsonObject)b.DeepClone()).ToList();
            // Room for the header and, between works, a divider.
            if (parts.Count == 0 || parts[^1].Blocks.Count + 1 + blocks.Count > BlockKit.MaxBlocks - 1)
                parts.Add(([], []));
            var part = parts[^1];
            if (part.Works.Count > 0)
                part.Blocks.Add(BlockKit.Divider());
            part.Blocks.AddRange(blocks);
            part.Works.Add(work);
        }
        return [.. parts.Select((part, i) => (Message(part.Blocks, part.Works, works.Count, i + 1, parts.Count), (IReadOnlyList<NotifiedWork>)part.Works))];
    }

    static SlackMessage Message(List<JsonObject> blocks, List<NotifiedWork> works, int total, int number, int count)
    {
        var title = $"好み: あなたが気に入りそうな新作 {total} 件" + (count > 1 ? $" ({number}/{count})" : "");
        var text = BlockKit.Truncate(title + ": " + string.Join("、", works.Select(w => w.Work.Title)), BlockKit.MaxFallbackText);
        return new SlackMessage(text, [BlockKit.Header(title), .. blocks]);
    }
}
