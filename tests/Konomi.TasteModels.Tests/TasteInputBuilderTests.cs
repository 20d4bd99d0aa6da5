using Konomi.Contracts;
using Konomi.TasteModels.Input;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

public class TasteInputBuilderTests
{
    private const string Description = """
        【作品概要】
        ＤＬｓｉｔｅ限定の特典付き！詳細は https://www.dlsite.com/maniax/ をご覧ください。

        ■耳かきと添い寝のトラック■
        お姉さんが耳かきをして、添い寝で囁きます。

        ★☆★☆★☆★☆
        【動作環境】Windows / Mac
        """;

    private static Work Work => new()
    {
        Id = "RJ01000001",
        Title = "【CV:声優A】おち〇ちん管理の甘々耳かき ★★★ ｆｏｒ you",
        Circle = "サークルＢ",
        Series = "シリーズ1",
        VoiceActors = ["声優A", "声優○B"],
        Authors = ["作者C"],
        ScenarioWriters = ["作家D"],
        Illustrators = ["絵師E"],
        Genres = ["耳かき", "癒し"],
        AgeCategory = AgeCategory.R15,
        Description = Description,
        Url = "https://www.dlsite.com/maniax/work/=/product_id/RJ01000001.html",
    };

    private static TasteInput Build(DescriptionSelection selection) =>
        new TasteInputBuilder(Options.Create(new TasteInputOptions { Description = selection })).Build(Work);

    [Fact]
    public void The_title_comes_first_width_normalised_with_decorations_out_and_masks_kept()
    {
        var text = Build(DescriptionSelection.None).Text;

        text.Split('\n')[0].ShouldBe("【CV:声優A】おち〇ちん管理の甘々耳かき for you");
        text.ShouldContain("サークルB / シリーズ1");
        text.ShouldContain("声優A / 声優〇B / 作者C / 作家D / 絵師E");
        text.ShouldContain("耳かき / 癒し");
        text.ShouldNotContain("添い寝");
    }

    [Fact]
    public void Best_block_keeps_only_the_block_with_the_most_taste_keywords()
    {
        var text = Build(DescriptionSelection.BestBlock).Text;

        text.ShouldContain("耳かきと添い寝のトラック");
        text.ShouldContain("お姉さんが耳かきをして、添い寝で囁きます。");
        text.ShouldNotContain("特典");
        text.ShouldNotContain("★");
    }

    [Fact]
    public void Best_block_reads_the_whole_of_a_short_description_when_no_block_holds_a_taste_keyword()
    {
        var work = new Work
        {
            Id = "RJ01000002",
            Title = "ニュース",
            Url = "https://www.dlsite.com/maniax/work/=/product_id/RJ01000002.html",
            Description = "新しい端末が発表された。\n\n価格は据え置きで、発売は来月。\n\n詳しくは公式サイトで。",
        };

        var text = new TasteInputBuilder(Options.Create(new TasteInputOptions { Description = DescriptionSelection.BestBlock })).Build(work).Text;

        text.ShouldContain("新しい端末が発表された。");
        text.ShouldContain("価格は据え置きで、発売は来月。");
        text.ShouldContain("詳しくは公式サイトで。");
    }

    [Fact]
    public void Best_block_reads_only_the_opening_of_a_long_description_without_a_taste_keyword()
    {
        var tracks = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"トラック{i:D2}：朝の駅前で待ち合わせ"));
        var work = new Work
        {
            Id = "RJ01000003",
            Title = "長い作品",
            Url = "https://www.dlsite.com/maniax/work/=/product_id/RJ01000003.html",
            Description = tracks,
        };
        var options = new TasteInputOptions { Description = DescriptionSelection.BestBlock, OpeningCharacters = 100 };

        var text = new TasteInputBuilder(Options.Create(options)).Build(work).Text;

        var description = text[text.IndexOf("トラック01", StringComparison.Ordinal)..];
        description.Length.ShouldBeInRange(90, 100);
        text.ShouldNotContain("トラック40");
    }

    [Fact]
    public void Whole_description_drops_urls_store_notices_and_symbol_runs()
    {
        var text = Build(DescriptionSelection.Whole).Text;

        text.ShouldContain("DLsite限定の特典付き");
        text.ShouldContain("添い寝で囁きます");
        text.ShouldNotContain("https://");
        text.ShouldNotContain("動作環境");
        text.ShouldNotContain("★☆");
    }

    [Fact]
    public void Both_maskings_of_a_word_clean_to_the_same_text()
    {
        DlsiteText.Clean("おち○ちん").ShouldBe(DlsiteText.Clean("おち〇ちん"));
        DlsiteText.Clean("お◯◯こ").ShouldBe("お〇〇こ");
    }

    [Fact]
    public void The_store_sentence_of_meta_descriptions_is_removed()
    {
        DlsiteText.Clean("甘々な耳かき音声です。「DLsite 同人 - R18」は同人誌・同人ゲーム・同人ボイス・ASMRのダウンロードショップ。").ShouldBe("甘々な耳かき音声です。");
    }

    [Fact]
    public void Facets_name_every_credit_genre_and_the_age_category()
    {
        var facets = Build(DescriptionSelection.None).Facets;

        facets.ShouldBe(
        [
            new Facet("circle", "サークルB"),
            new Facet("series", "シリーズ1"),
            new Facet("voice actor", "声優A"),
            new Facet("voice actor", "声優〇B"),
            new Facet("author", "作者C"),
            new Facet("scenario", "作家D"),
            new Facet("illustrator", "絵師E"),
            new Facet("genre", "耳かき"),
            new Facet("genre", "癒し"),
            new Facet("age", "r15"),
        ]);
    }

    [Fact]
    public void Configured_keywords_choose_the_block()
    {
        var options = new TasteInputOptions { Description = DescriptionSelection.BestBlock, Keywords = ["特典"] };
        var work = Work with { Genres = [] };

        var text = new TasteInputBuilder(Options.Create(options)).Build(work).Text;

        text.ShouldContain("特典付き");
        text.ShouldNotContain("添い寝で囁きます");
    }
}
