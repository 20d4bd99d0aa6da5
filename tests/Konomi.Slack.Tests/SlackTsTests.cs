using Konomi.Slack;

namespace Konomi.Slack.Tests;

public class SlackTsTests
{
    [Fact]
    public void A_time_is_written_to_the_microsecond_as_Slack_writes_message_timestamps()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1_658_903_885).AddTicks(6_737_690);

        SlackTs.From(time).ShouldBe("1658903885.673769");
    }
}
