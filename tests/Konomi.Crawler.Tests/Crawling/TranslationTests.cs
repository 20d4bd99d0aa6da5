using Konomi.Emulators.DLsite;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>Translated editions of Japanese works have ids of their own: skipped and counted, never stored or announced.</summary>
public class TranslationTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>translation_info as DLsite sends it for a みんなで翻訳 edition of RJ01000297.</summary>
    internal const string ChildEdition = """
        {"is_translation_agree": true, "is_volunteer": true, "is_original": false, "is_parent": false, "is_child": true,
         "is_translation_bonus_child": false, "original_workno": "RJ01000297", "parent_workno": "RJ01000297", "child_worknos": [], "lang": "ENG"}
        """;

    [Fact]
    public async Task A_work_listed_in_other_languages_and_not_japanese_is_skipped_unfetched_and_counted_as_a_translation()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        var english = works[1].Id;
        // Its attributes (maker, sex, type, options) name English where the real item names Japanese.
        dlsite.AlterListings(page => page.Replace($"id=\"_{english}\" value=\"RG01079577,male,SOU,JPN,", $"id=\"_{english}\" value=\"RG01079577,male,SOU,ENG,"));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var report = await crawler.Cycle.RunOnceAsync(Ct);

        report.Errors.ShouldBeEmpty();
        report.Translations.ShouldBe(1);
        report.NewWorks.ShouldBe(2);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldNotContain(english);
        dlsite.Requests.ShouldNotContain(r => r.PathAndQuery.Contains(english));
    }

    [Fact]
    public async Task A_work_product_json_says_translates_another_is_skipped_without_its_page_and_not_fetched_again()
    {
        await using var dlsite = await DLsiteEmulator.StartAsync(Ct);
        using var data = new TempDirectory();
        var works = dlsite.AddWorks(3, "maniax");
        var edition = works[0].Id;
        dlsite.Alter(edition, RequestKind.ProductJson, json => OddWorkTests.Rewrite(json, "translation_info", ChildEdition));
        await using var crawler = await CrawlerHost.StartAsync(dlsite, data.Path);

        var reports = await crawler.RunCyclesAsync(2, Ct);

        reports.Select(r => r.Translations).ShouldBe([1, 1]);
        reports.ShouldAllBe(r => r.Errors.Count == 0);
        crawler.NewWorks.Select(n => n.Work.Id).ShouldBe([works[1].Id, works[2].Id], ignoreOrder: true);
        (await crawler.Works.FindAsync(edition, Ct)).ShouldBeNull();
        // One product.json in all: no work page, and nothing the next cycle.
        dlsite.Requests.Where(r => r.PathAndQuery.Contains(edition)).Select(r => r.Kind).ShouldBe([RequestKind.ProductJson]);
    }
}
