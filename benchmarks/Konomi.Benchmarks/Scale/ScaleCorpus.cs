using Konomi.Contracts;

namespace Konomi.Benchmarks.Scale;

/// <summary>
/// Works with real Japanese text of a work page's length: livedoor news articles (title + 500 characters),
/// the section as circle, voice actor and genre. Liked = the two women's-interest sections, as in the model benchmark.
/// </summary>
public sealed record ScaleCorpus(IReadOnlyList<Work> Works, IReadOnlyList<bool> Liked)
{
    public static ScaleCorpus Load(string dataDirectory)
    {
        var items = LivedoorCorpus.Tasks(dataDirectory).Single(t => t.Name == "livedoor title+500").Items;
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
