using Konomi.Contracts;

namespace Konomi.Cli.Replay;

/// <summary>
/// One record of a replay file: a work's text (its first line the title, any further lines the description), whether the
/// user liked it, and when it arrived (unix seconds).
/// </summary>
public sealed record ReplayItem(string Id, string Text, bool Liked, long Time)
{
    /// <summary>The work a crawl would have stored: the first line of the text its title, any further lines its description.</summary>
    public Work ToWork()
    {
        var lines = Text.Split('\n', 2);
        return new Work
        {
            Id = Id,
            Title = lines[0].Trim(),
            Description = lines.Length > 1 ? lines[1].Trim() : "",
            Url = $"https://replay.invalid/{Uri.EscapeDataString(Id)}",
        };
    }
}
