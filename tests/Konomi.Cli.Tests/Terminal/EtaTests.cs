using Konomi.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Cli.Tests.Terminal;

/// <summary>The ETA of a long command at the pace it has kept, on a fake clock.</summary>
public class EtaTests
{
    [Fact]
    public void The_time_left_follows_the_pace_so_far()
    {
        var clock = new FakeTimeProvider();
        var eta = new Eta(clock);

        clock.Advance(TimeSpan.FromMinutes(30));

        eta.Remaining(done: 3, total: 12).ShouldBe(TimeSpan.FromMinutes(90));
        eta.Describe(done: 3, total: 12).ShouldBe("ETA 1 h 30 min");
        eta.Remaining(done: 12, total: 12).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Once_all_is_done_it_says_how_long_it_took_not_an_ETA_of_nothing()
    {
        var clock = new FakeTimeProvider();
        var eta = new Eta(clock);

        clock.Advance(TimeSpan.FromSeconds(12));

        eta.Describe(done: 4, total: 4).ShouldBe("took 12 s");
    }

    [Fact]
    public void Nothing_done_yet_is_no_pace_and_no_guess()
    {
        var clock = new FakeTimeProvider();
        var eta = new Eta(clock);

        clock.Advance(TimeSpan.FromMinutes(5));

        eta.Remaining(done: 0, total: 10).ShouldBeNull();
        eta.Describe(done: 0, total: 10).ShouldBe("ETA unknown");
    }

    [Theory]
    [InlineData(0.05, "0.05 s")]
    [InlineData(10, "10 s")]
    [InlineData(2_440, "41 min")]
    [InlineData(7 * 3_600, "7 h")]
    [InlineData(5 * 3_600 + 10 * 60, "5 h 10 min")]
    public void Spans_read_as_a_person_says_them(double seconds, string expected) =>
        Eta.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
}
