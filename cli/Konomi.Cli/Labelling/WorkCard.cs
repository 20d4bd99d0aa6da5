using System.Globalization;
using Konomi.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Konomi.Cli.Labelling;

/// <summary>How the annotator shows one work: what a person needs to say 興味あり or 別に at a glance.</summary>
public static class WorkCard
{
    const int ExcerptLength = 240;

    public static IRenderable Render(Work work)
    {
        var lines = new List<IRenderable> { new Markup($"[bold]{Markup.Escape(work.Title)}[/]") };
        void Line(string label, string value)
        {
            if (value.Length > 0) lines.Add(new Markup($"[grey]{label}:[/] {Markup.Escape(value)}"));
        }
        Line("circle", work.Circle);
        Line("voice actors", string.Join(" / ", work.VoiceActors));
        Line("genres", string.Join(" / ", work.Genres));
        Line("price", work.PriceYen is { } yen ? string.Create(CultureInfo.InvariantCulture, $"¥{yen:N0}") : "");
        var description = string.Join(' ', work.Description.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Line("about", description.Length > ExcerptLength ? description[..ExcerptLength] + "…" : description);
        Line("link", work.Url);
        return new Panel(new Rows(lines)) { Header = new PanelHeader(work.Id), Expand = true };
    }

    public static string Bar(AnnotatorTally tally, int width = 30)
    {
        var filled = tally.Total == 0 ? width : tally.Done * width / tally.Total;
        return $"[green]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/] {Markup.Escape(tally.ToString())}";
    }
}
