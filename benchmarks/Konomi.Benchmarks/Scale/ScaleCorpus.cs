using Konomi.Contracts;

namespace Konomi.Benchmarks.Scale;

/// <summary>
/// Works with real Japanese text: livedoor news articles, the title and the body's first characters (500 by default) as
/// the description, the section as circle, voice actor and genre. In 93% of the articles no paragraph of the first 500
/// characters holds a taste keyword (7% name one, such as 先輩 or 妹, and read that paragraph), so the model reads the
/// description to <c>TasteModels:Input:OpeningCharacters</c> (500): nearly the longest input a work can give. A DLsite
/// work whose description has a keyword block reads that block alone (35-94 characters on the real pages under
/// ../shared/fixtures), so <c>--body 100</c> stands for it. Liked = the two women's-interest sections.
/// </summary>
public sealed record ScaleCorpus(IReadOnlyList<Work> Works, IReadOnlyList<bool> Liked)
{
    public static ScaleCorpus Load(string dataDirectory, int bodyCharacters)
    {
        var items = LivedoorCorpus.Items(dataDirectory, bodyCharacters);
        var works = items.Select((item, i) =>
        {
            var section = item.Id[..item.Id.LastIndexOf('-')];
            var lines = item.Text.Split('\n', 2);
            return new Work
            {
                Id = $"RJ{i + 1:D8}",
                Title = lines[0],
                Description = lines.Length > 1 ? lines[1] : "",
                Circle = section,
                VoiceActors = [section + "の声"],
                Genres = [section],
                ReleaseDate = new DateOnly(2026, 1, 1).AddDays(i % 300),
                PriceYen = 660 + i % 10 * 110,
                Url = $"https://www.dlsite.com/maniax/work/=/product_id/RJ{i + 1:D8}.html",
            };
        }).ToList();
        return new ScaleCorpus(works, items.Select(i => i.Liked).ToList());
    }

    /// <summary><paramref name="count"/> distinct works drawn with <paramref name="seed"/>.</summary>
    public IReadOnlyList<int> Sample(int count, int seed)
    {
        var order = Enumerable.Range(0, Works.Count).ToArray();
        new Random(seed).Shuffle(order);
        return order[..Math.Min(count, order.Length)];
    }
}
