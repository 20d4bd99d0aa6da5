using Konomi.TasteModels.Evaluation;

namespace Konomi.TasteModels.Tests;

public class LabelledCsvTests
{
    private static LabelledData Read(string csv, int folds = 5) => LabelledCsv.Read(new StringReader(csv), folds);

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var data = Read("id,text,label,fold\r\na,\"耳かき, \"\"甘々\"\"\nの夜\",1,0\r\nb,plain,0,1\r\n");

        data.Ids.ShouldBe(["a", "b"]);
        data.Examples[0].Input.Text.ShouldBe("耳かき, \"甘々\"\nの夜");
        data.Examples[0].Liked.ShouldBeTrue();
        data.Folds.ShouldBe([0, 1]);
    }

    [Fact]
    public void Without_a_fold_column_folds_are_stratified_in_the_order_of_a_stable_hash_of_the_id()
    {
        var rows = Enumerable.Range(0, 40).Select(i => $"w{i},text {i},{i % 2}");
        var data = Read("id,text,label\n" + string.Join("\n", rows), folds: 4);

        data.Folds.ShouldBe(Folds.Stratified(data.Ids, [.. data.Examples.Select(e => e.Liked)], 4));
        data.Folds.Distinct().Count().ShouldBe(4);
        foreach (var fold in data.Folds.Distinct())
            data.Examples.Where((_, i) => data.Folds[i] == fold).Count(e => e.Liked).ShouldBe(5);
    }

    [Theory]
    [InlineData("id,text\na,x\n", "line 1: header")]
    [InlineData("id,text,label\na,x,1\nb,y,0\nc,z\n", "line 4: 2 fields, expected 3")]
    [InlineData("id,text,label\na,x,1\nb,y,yes\n", "line 3: label 'yes' is not 0 or 1")]
    [InlineData("id,text,label\na,x,1\nb,\"never closed,0\n", "line 3: a quoted field is never closed")]
    [InlineData("id,text,label\na,x,1\na,y,0\n", "line 3: id 'a' appears twice")]
    [InlineData("id,text,label,fold\na,x,1,0\nb,y,0,two\n", "line 3: fold 'two' is not an integer")]
    [InlineData("id,text,label\na,x\"y,1\n", "line 2: a quote inside an unquoted field")]
    [InlineData("id,text,label\na,\"x\"y,1\n", "line 2: unexpected character 'y' after a closing quote")]
    [InlineData("id,text,label\na,x,1\nb,y,1\n", "every label is the same")]
    [InlineData("", "line 1: the file is empty")]
    public void A_malformed_file_is_refused_naming_the_line(string csv, string message)
    {
        Should.Throw<FormatException>(() => Read(csv)).Message.ShouldContain(message);
    }

    [Fact]
    public void A_written_file_reads_back_identically()
    {
        var writer = new StringWriter();
        LabelledCsv.Write(writer, [("x1", "a \"quoted\", text\nover lines", true, 0), ("x2", "other", false, 3)]);

        var data = Read(writer.ToString());

        data.Ids.ShouldBe(["x1", "x2"]);
        data.Examples.Select(e => e.Input.Text).ShouldBe(["a \"quoted\", text\nover lines", "other"]);
        data.Folds.ShouldBe([0, 3]);
    }
}
