using Konomi.Slack;

namespace Konomi.Notifier;

/// <summary>
/// One crawl run's liked works for one user: a header, then each work with its own buttons. Block Kit allows 50 blocks
/// per message, so a long digest is split into parts numbered "(n/m)". Works that come after the run's digest went out
/// are a follow-up ("追加"), counted and numbered on their own, so the numbers the digest showed stay true.
/// </summary>
public static class DigestMessage
{
    public static IReadOnlyList<DigestPart> Split(IReadOnlyList<NotifiedWork> works, bool followUp = false)
    {
        var parts = new List<List<NotifiedWork>>();
        var blocks = 0;
        foreach (var work in works)
        {
            var size = WorkMessage.Blocks(work.Work, work.Verdict).Count;
            // Room for the header and, between works, a divider.
            if (parts.Count == 0 || blocks + 1 + size > BlockKit.MaxBlocks - 1)
            {
                parts.Add([]);
                blocks = 0;
            }
            blocks += (parts[^1].Count > 0 ? 1 : 0) + size;
            parts[^1].Add(work);
        }
        return [.. parts.Select((part, i) => new DigestPart(Heading(i + 1, parts.Count, works.Count, followUp), part))];
    }

    static string Heading(int number, int count, int total, bool followUp) =>
        $"好み: あなたが気に入りそうな新作{(followUp ? " 追加" : "")} {total} 件" + (count > 1 ? $" ({number}/{count})" : "");
}
