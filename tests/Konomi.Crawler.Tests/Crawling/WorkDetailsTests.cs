using Konomi.Contracts;
using Konomi.Crawler.Parsing;
using Konomi.Testing;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>One work from product.json and the work page: the JSON's fields first, the page's where the JSON has none.</summary>
public sealed class WorkDetailsTests
{
    static ParsedWork Parsed(AgeCategory age, bool fromFloor) =>
        new(Sample.Work("RJ01000001") with { AgeCategory = age }, WorkStatus.Released) { AgeFromFloor = fromFloor };

    [Fact]
    public void An_age_product_json_only_took_from_its_floor_is_the_page_s_age_row()
    {
        WorkDetails.Combine(Parsed(AgeCategory.Adult, fromFloor: true), Parsed(AgeCategory.R15, fromFloor: false))
            .AgeCategory.ShouldBe(AgeCategory.R15);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Otherwise_the_age_is_product_json_s(bool jsonFromFloor, bool pageFromFloor)
    {
        WorkDetails.Combine(Parsed(AgeCategory.Adult, jsonFromFloor), Parsed(AgeCategory.R15, pageFromFloor))
            .AgeCategory.ShouldBe(AgeCategory.Adult);
    }
}
