using Konomi.Contracts;

namespace Konomi.Crawler.Parsing;

/// <summary>DLsite's age labels over the years (18禁 until 2024-08, R18 since) and product.json's codes 1/2/3.</summary>
public static class AgeLabels
{
    public static AgeCategory? FromLabel(string? label) => label?.Trim().ToUpperInvariant() switch
    {
        "18禁" or "R18" or "R-18" or "成人向け" or "ADULT" or "3" => AgeCategory.Adult,
        "R-15" or "R15" or "R" or "2" => AgeCategory.R15,
        "全年齢" or "一般" or "GENERAL" or "ALL" or "1" => AgeCategory.AllAges,
        _ => null,
    };
}
