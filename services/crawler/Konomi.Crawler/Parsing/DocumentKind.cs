namespace Konomi.Crawler.Parsing;

public enum DocumentKind
{
    Unknown,
    WorkPage,
    Listing,
    ProductJson,
    ProductInfo,
}
