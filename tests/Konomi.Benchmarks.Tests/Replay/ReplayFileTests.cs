using Konomi.Cli.Replay;

namespace Konomi.Benchmarks.Tests.Replay;

public class ReplayFileTests
{
    [Theory]
    [InlineData("a,耳かき,1,5\na,雨音,0,6\n", "line 3: id 'a' is already on line 2")]
    [InlineData(",耳かき,1,5\n", "line 2: id is empty")]
    [InlineData("a b,耳かき,1,5\n", "line 2: id 'a b' has a comma or a space in it")]
    [InlineData("a,\"\n本文\",1,5\n", "line 2: the text's first line (the title) is empty")]
    public void A_line_the_replay_could_not_store_as_a_work_is_refused_naming_it(string rows, string message)
    {
        var read = () => ReplayFile.Read(new StringReader("id,text,label,time\n" + rows));

        read.ShouldThrow<FormatException>().Message.ShouldStartWith(message);
    }

    [Fact]
    public void Items_are_read_in_arrival_order_whatever_the_files_order()
    {
        var items = ReplayFile.Read(new StringReader("id,text,label,time\nc,雨音,0,7\nb,耳かき,1,5\na,添い寝,0,5\n"));

        items.Select(i => i.Id).ShouldBe(["a", "b", "c"]);
    }
}
