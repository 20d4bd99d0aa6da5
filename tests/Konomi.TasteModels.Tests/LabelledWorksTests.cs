using Konomi.TasteModels.Evaluation;
using Konomi.TasteModels.Input;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

public class LabelledWorksTests
{
    private const string File = """
        {"label":1,"fold":0,"work":{"id":"RJ1","title":"耳かき","url":"https://example.test/u","description":"告知です\n\n耳かきと添い寝の癒し"}}
        {"label":0,"work":{"id":"RJ2","title":"日常","url":"https://example.test/u","description":"日常のお話"}}
        """;

    private static LabelledData Read(string text, DescriptionSelection selection) =>
        LabelledWorks.Read(new StringReader(text), 5, new TasteInputBuilder(Options.Create(new TasteInputOptions { Description = selection })));

    [Fact]
    public void Works_become_inputs_through_the_builder_so_description_selection_is_measurable()
    {
        var best = Read(File, DescriptionSelection.BestBlock);
        var none = Read(File, DescriptionSelection.None);

        best.Ids.ShouldBe(["RJ1", "RJ2"]);
        best.Examples[0].Input.Text.ShouldBe("耳かき\n\n耳かきと添い寝の癒し");
        none.Examples[0].Input.Text.ShouldBe("耳かき");
        best.Folds[0].ShouldBe(0);
        best.Folds[1].ShouldBe(Folds.ByHash("RJ2", 5));
    }

    [Fact]
    public void A_broken_line_is_refused_naming_it()
    {
        Should.Throw<FormatException>(() => Read("{\"label\":1,\"work\":{\"id\":\"a\",\"title\":\"t\",\"url\":\"https://example.test/u\"}}\n{\"label\":2,\"work\":{\"id\":\"b\",\"title\":\"t\",\"url\":\"https://example.test/u\"}}", DescriptionSelection.Whole))
            .Message.ShouldContain("line 2: label must be 0 or 1");
        Should.Throw<FormatException>(() => Read("not json", DescriptionSelection.Whole)).Message.ShouldContain("line 1");
    }

    [Theory]
    [InlineData("""[{"label":1,"work":{"id":"a","title":"t","url":"https://example.test/u"}}]""", "line 1: expected a JSON object like {\"label\":1,\"fold\":0,\"work\":{…}}")]
    [InlineData("""{"label":1,"fold":"first","work":{"id":"a","title":"t","url":"https://example.test/u"}}""", "line 1: fold must be a whole number")]
    [InlineData("""{"label":true,"work":{"id":"a","title":"t","url":"https://example.test/u"}}""", "line 1: label must be 0 or 1")]
    public void A_line_of_another_shape_is_refused_in_words_not_type_names(string line, string problem) =>
        Should.Throw<FormatException>(() => Read(line, DescriptionSelection.Whole)).Message.ShouldBe(problem);

    [Fact]
    public void A_bare_work_as_works_export_writes_it_is_refused_saying_each_needs_its_label()
    {
        var exported = """{"id":"RJ1","title":"t","url":"https://example.test/u"}""";

        Should.Throw<FormatException>(() => Read(exported, DescriptionSelection.Whole)).Message.ShouldBe(
            "line 1: a work without its label (expected a JSON object like {\"label\":1,\"fold\":0,\"work\":{…}}); "
            + "`konomi works export` and `parse --jsonl` write works alone: give each its label and put it under \"work\"");
    }

    [Fact]
    public void A_line_without_its_work_says_the_shape_a_line_has() =>
        Should.Throw<FormatException>(() => Read("""{"label":1}""", DescriptionSelection.Whole)).Message
            .ShouldBe("line 1: no \"work\": expected a JSON object like {\"label\":1,\"fold\":0,\"work\":{…}}");

    [Fact]
    public void The_same_work_twice_is_refused_since_it_could_be_trained_on_and_scored_in_one_run()
    {
        var line = """{"label":1,"work":{"id":"RJ1","title":"t","url":"https://example.test/u"}}""";

        Should.Throw<FormatException>(() => Read($"{line}\n{line}", DescriptionSelection.Whole)).Message
            .ShouldBe("line 2: work RJ1 appears again (first on line 1)");
    }
}
