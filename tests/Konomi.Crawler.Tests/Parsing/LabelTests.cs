using Konomi.Contracts;
using Konomi.Crawler.Parsing;

namespace Konomi.Crawler.Tests.Parsing;

public class LabelTests
{
    [Theory]
    [InlineData("18禁", AgeCategory.Adult)]
    [InlineData("R18", AgeCategory.Adult)]
    [InlineData("R-15", AgeCategory.R15)]
    [InlineData("全年齢", AgeCategory.AllAges)]
    public void Age_labels_of_every_era_map_to_an_age_category(string label, AgeCategory expected) =>
        AgeLabels.FromLabel(label).ShouldBe(expected);

    [Theory]
    [InlineData("2017年01月04日", 2017, 1, 4)]
    [InlineData("2023年01月21日 16時", 2023, 1, 21)]
    [InlineData("2026-08-22 00:00:00", 2026, 8, 22)]
    [InlineData("2017/01/04", 2017, 1, 4)]
    [InlineData("Sep/04/2026", 2026, 9, 4)]
    [InlineData("September 4, 2026", 2026, 9, 4)]
    [InlineData("2017년 01월 04일", 2017, 1, 4)]
    // DLsite releases at 0時 or 16時 JST: the same instant in UTC falls on the day before or the same day.
    [InlineData("2020-12-03T15:00:00.000000Z", 2020, 12, 4)]
    [InlineData("2026-08-21T15:00:00+00:00", 2026, 8, 22)]
    [InlineData("2026-08-22T07:00:00Z", 2026, 8, 22)]
    [InlineData("2026-08-22T00:00:00+09:00", 2026, 8, 22)]
    public void Release_dates_are_read_in_every_language_with_or_without_the_hour_and_a_timestamp_with_an_offset_as_its_day_in_Japan(string text, int year, int month, int day) =>
        StoreDate.Parse(text).ShouldBe(new DateOnly(year, month, day));

    [Theory]
    [InlineData("【30%OFF】まじこスハロウィン", "まじこスハロウィン")]
    [InlineData("【期間限定セール】【50%OFF】耳かき", "耳かき")]
    [InlineData("【12大特典】JKエルフの異世界妊活", "【12大特典】JKエルフの異世界妊活")]
    [InlineData("【安眠ASMR】精霊介護", "【安眠ASMR】精霊介護")]
    [InlineData("おち〇ちんの話", "おち〇ちんの話")]
    public void Sale_prefixes_go_and_the_circles_own_brackets_and_masks_stay(string title, string expected) =>
        SaleTitle.Strip(title).ShouldBe(expected);

    [Theory]
    [InlineData("RJ189758", true)]
    [InlineData("RJ01307318", true)]
    [InlineData("BJ123456", true)]
    [InlineData("VJ01000001", true)]
    [InlineData("RJ1171092", false)]
    [InlineData("R403038", false)]
    public void Ids_are_six_or_eight_digits_with_leading_zeros(string id, bool valid) => WorkIds.IsValid(id).ShouldBe(valid);

    [Fact]
    public void An_eight_digit_id_is_never_cut_to_six() =>
        WorkIds.Find("https://www.dlsite.com/maniax/work/=/product_id/RJ01307318.html").ShouldBe("RJ01307318");
}
