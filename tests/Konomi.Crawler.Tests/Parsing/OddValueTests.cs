using System.Text.Json.Nodes;
using Konomi.Crawler.Parsing;

namespace Konomi.Crawler.Tests.Parsing;

/// <summary>Odd values anywhere in product.json give a work or a clear CrawlException, never another exception.</summary>
public class OddValueTests
{
    static readonly string[] Values = ["null", "\"\"", "-1", "1.5", "1e309", "-1e309", "2147483648", "9223372036854775808", "\"NaN\"", "\"Infinity\"",
        "\"-5\"", "\"２０２６\"", "true", "[]", "{}", "[null]", "[{}]", "{\"name\": null}", "\"0000-00-00\"", "\"９９９９年１３月４０日\"", "\"|||\""];

    [Fact]
    public void Every_field_of_product_json_with_every_odd_value_gives_a_work_or_a_crawl_exception()
    {
        var original = JsonNode.Parse(Fixtures.Read("m4tsu_dlsite-product-RJ01698658.json"))!.AsArray()[0]!.AsObject();
        var fields = original.Select(p => p.Key).ToList();
        var unexpected = new List<string>();
        foreach (var field in fields)
            foreach (var value in Values)
            {
                var product = original.DeepClone().AsObject();
                product[field] = JsonNode.Parse(value);
                try
                {
                    ProductJsonParser.Parse(new JsonArray(product).ToJsonString());
                }
                catch (CrawlException)
                {
                }
                catch (Exception e)
                {
                    unexpected.Add($"{field}={value}: {e.GetType().Name}: {e.Message}");
                }
            }
        fields.Count.ShouldBeGreaterThan(20);
        unexpected.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("２０２６-08-22 00:00:00", 2026, 8, 22)]
    [InlineData("２０２６年０８月２２日", 2026, 8, 22)]
    [InlineData("0000-08-22", null, null, null)]
    [InlineData("2026-02-30", null, null, null)]
    [InlineData("2026-13-01", null, null, null)]
    [InlineData("Feb/30/2026", null, null, null)]
    [InlineData("Foo/04/2026", null, null, null)]
    public void Dates_fold_full_width_digits_and_refuse_impossible_days(string text, int? year, int? month, int? day) =>
        StoreDate.Parse(text).ShouldBe(year is null ? null : new DateOnly(year.Value, month!.Value, day!.Value));

    [Fact]
    public void The_real_pages_nest_far_less_deep_than_the_guard_allows()
    {
        foreach (var page in Directory.GetFiles(Path.GetDirectoryName(Fixtures.Path("x"))!, "*.html"))
            HtmlDocuments.NestingDepth(File.ReadAllText(page)).ShouldBeLessThan(HtmlDocuments.MaxDepth / 5, page);
    }

    [Theory]
    [InlineData("<div>", 200_000, 200_000)]
    [InlineData("<script>", 200_000, 0)]
    [InlineData("<a<a", 200_000, 1)]
    [InlineData("<!--", 200_000, 0)]
    [InlineData("<p><li><br>", 100_000, 0)]
    [InlineData("<div></div>", 100_000, 1)]
    public void The_nesting_guard_reads_a_hostile_page_in_one_pass(string piece, int times, int depth) =>
        HtmlDocuments.NestingDepth(string.Concat(Enumerable.Repeat(piece, times)) + ">").ShouldBe(depth);
}
