using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary>
/// DLsite's age labels over the years (18禁 until 2024-08, R18 since), in its other languages, product.json's codes
/// 1/2/3, and the age icons' classes (icon_GEN, icon_R15, icon_ADL), which read the same in every language.
/// </summary>
public static class AgeLabels
{
    public static AgeCategory? FromLabel(string? label) => label?.Trim().ToUpperInvariant() switch
    {
        "18禁" or "R18" or "R-18" or "成人向け" or "ADULT" or "3" => AgeCategory.Adult,
        "R-15" or "R15" or "R" or "2" => AgeCategory.R15,
        "全年齢" or "一般" or "GENERAL" or "ALL" or "ALL AGES" or "全年龄" or "全年齡" or "전연령" or "1" => AgeCategory.AllAges,
        _ => null,
    };

    public static AgeCategory? FromIconClass(string? className) => className switch
    {
        "icon_ADL" => AgeCategory.Adult,
        "icon_R15" => AgeCategory.R15,
        "icon_GEN" => AgeCategory.AllAges,
        _ => null,
    };

    /// <summary>The age of a work that shows no label: its floor's (home, comic, soft and app are all ages).</summary>
    public static AgeCategory FromFloor(string floor) =>
        floor is "home" or "comic" or "soft" or "app" ? AgeCategory.AllAges : AgeCategory.Adult;
}
