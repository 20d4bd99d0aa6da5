using Konomi.Cli.Replay;

namespace Konomi.Benchmarks.Tests.Replay;

public class ReplayItemTests
{
    [Fact]
    public void The_first_line_of_an_items_text_is_the_works_title_and_the_rest_its_description()
    {
        var work = new ReplayItem("a1", "新作の発表\n第一段落。\n\n第二段落。", true, 0).ToWork();

        work.Id.ShouldBe("a1");
        work.Title.ShouldBe("新作の発表");
        work.Description.ShouldBe("第一段落。\n\n第二段落。");
    }

    [Fact]
    public void A_one_line_text_is_a_title_without_description()
    {
        var work = new ReplayItem("m1", "Toy Story (1995) Animation|Children's|Comedy", false, 0).ToWork();

        work.Title.ShouldBe("Toy Story (1995) Animation|Children's|Comedy");
        work.Description.ShouldBeEmpty();
    }
}
