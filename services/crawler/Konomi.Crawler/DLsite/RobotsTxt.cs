using System.Globalization;
using System.Text.RegularExpressions;

namespace Konomi.Crawler.DLsite;

/// <summary>
/// The rules of robots.txt that apply to Konomi: the group naming our product token, else <c>*</c>; its
/// Crawl-delay; and Allow/Disallow by longest match, with <c>*</c> and <c>$</c> as Google reads them.
/// </summary>
public sealed class RobotsTxt
{
    readonly List<(Regex Pattern, int Length, bool Allow)> _rules;

    RobotsTxt(TimeSpan? crawlDelay, List<(Regex, int, bool)> rules, string? unread = null) => (CrawlDelay, _rules, Unread) = (crawlDelay, rules, unread);

    public static RobotsTxt AllowAll { get; } = new(null, []);

    /// <summary>
    /// What an unreachable robots.txt means (RFC 9309 2.3.1.4): nothing may be fetched until it can be read;
    /// <paramref name="why"/> says what went wrong, so a refused fetch is told as DLsite unreachable, not as disallowed.
    /// </summary>
    public static RobotsTxt Unreadable(string why) => new(null, [(Pattern("/"), 1, false)], why);

    public TimeSpan? CrawlDelay { get; }

    /// <summary>Why robots.txt could not be read this cycle; null when it was (or answered 4xx: no rules).</summary>
    public string? Unread { get; }

    public bool Allows(string pathAndQuery) =>
        _rules.Where(r => r.Pattern.IsMatch(pathAndQuery)).OrderByDescending(r => r.Length).ThenByDescending(r => r.Allow)
            .Select(r => (bool?)r.Allow).FirstOrDefault() ?? true;

    public static RobotsTxt Parse(string text, string productToken)
    {
        var groups = new List<Group>();
        var readingAgents = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var (field, value) = (line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim());
            if (field == "user-agent")
            {
                if (!readingAgents) groups.Add(new Group());
                groups[^1].Agents.Add(value.ToLowerInvariant());
                readingAgents = true;
                continue;
            }
            readingAgents = false;
            if (groups.Count > 0) groups[^1].Lines.Add((field, value));
        }
        var token = productToken.ToLowerInvariant();
        var group = groups.FirstOrDefault(g => g.Agents.Any(a => a != "*" && token.Contains(a)))
            ?? groups.FirstOrDefault(g => g.Agents.Contains("*"));
        if (group is null) return AllowAll;

        TimeSpan? delay = null;
        var rules = new List<(Regex, int, bool)>();
        foreach (var (field, value) in group.Lines)
        {
            if (field == "crawl-delay" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                delay = TimeSpan.FromSeconds(seconds);
            else if (field is "allow" or "disallow" && value.Length > 0)
                rules.Add((Pattern(value), value.Length, field == "allow"));
        }
        return new RobotsTxt(delay, rules);
    }

    sealed class Group
    {
        public List<string> Agents { get; } = [];
        public List<(string Field, string Value)> Lines { get; } = [];
    }

    static Regex Pattern(string rule)
    {
        var anchored = rule.EndsWith('$');
        var body = Regex.Escape(anchored ? rule[..^1] : rule).Replace(@"\*", ".*");
        return new Regex("^" + body + (anchored ? "$" : ""), RegexOptions.CultureInvariant);
    }
}
