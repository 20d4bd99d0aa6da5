namespace Konomi.Contracts.Tests;

public class WorkLimitsTests
{
    static readonly Work Valid = new() { Id = "RJ01000001", Title = "耳かき", Url = "https://www.dlsite.com/maniax/work/=/product_id/RJ01000001.html" };

    [Fact]
    public void A_cut_work_keeps_to_every_cap_never_splits_a_character_and_reads_back()
    {
        var work = Valid with
        {
            Title = new string('a', WorkLimits.MaxTitleLength - 2) + "😀😀",
            Genres = [.. Enumerable.Range(0, WorkLimits.MaxListEntries + 5).Select(i => $"g{i}")],
            VoiceActors = ["a", new string('b', WorkLimits.MaxEntryLength + 1)],
        };

        var (cut, overruns) = WorkLimits.Cut(work);

        overruns.Select(o => o.ToString()).ShouldBe(["title is 1,002 characters: at most 1,000", "voiceActors[1] is 201 characters: at most 200", "genres has 205 entries: at most 200"]);
        cut.Title.ShouldBe(new string('a', WorkLimits.MaxTitleLength - 2) + "…");
        cut.Genres.ShouldBe(work.Genres.Take(WorkLimits.MaxListEntries));
        cut.VoiceActors.ShouldBe(["a", new string('b', WorkLimits.MaxEntryLength - 1) + "…"]);
        WorkJson.Read(WorkJson.Write(cut)).Problem.ShouldBeNull();
        WorkLimits.Cut(cut).Cut.ShouldBeEmpty();
    }

    /// <summary>What the crawler refuses is what the Work JSON readers refuse, word for word: one set of rules.</summary>
    [Theory]
    [InlineData("id", "RJ01000001,RJ01000002")]
    [InlineData("id", "RJ01000001\n")]
    [InlineData("url", "javascript:alert(1)")]
    [InlineData("url", "long")]
    [InlineData("thumbnailUrl", "data:image/png;base64,AAAA")]
    [InlineData("priceYen", "-1")]
    [InlineData("ratingAverage", "5.5")]
    public void A_value_the_crawler_refuses_is_refused_by_the_Work_JSON_readers_with_the_same_words(string field, string value)
    {
        var work = field switch
        {
            "id" => Valid with { Id = value },
            "url" => Valid with { Url = value == "long" ? "https://www.dlsite.com/" + new string('a', WorkLimits.MaxLinkLength) : value },
            "thumbnailUrl" => Valid with { ThumbnailUrl = value },
            "priceYen" => Valid with { PriceYen = int.Parse(value) },
            _ => Valid with { Popularity = new Popularity(null, null, double.Parse(value, System.Globalization.CultureInfo.InvariantCulture), null) },
        };

        var refusal = WorkLimits.Refusal(work).ShouldNotBeNull();

        WorkJson.Read(WorkJson.Write(work)).Problem.ShouldBe(refusal);
        WorkLimits.Refusal(Valid).ShouldBeNull();
    }
}
