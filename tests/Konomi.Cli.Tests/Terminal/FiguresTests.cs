using Konomi.Hosting;

namespace Konomi.Cli.Tests.Terminal;

/// <summary>Figures as <c>konomi score</c>, <c>recommend</c>, <c>train</c>, <c>prune</c> and the gate print them.</summary>
public class FiguresTests
{
    [Theory]
    [InlineData(0.12, 3, "+0.120")]
    [InlineData(-0.05, 3, "-0.050")]
    [InlineData(0.0, 3, "+0.000")]
    [InlineData(-0.0004, 3, "+0.000")]   // printed "-+0.000" before
    [InlineData(-0.004, 2, "+0.00")]
    [InlineData(-1.2345, 2, "-1.23")]
    public void A_signed_figure_has_one_sign_and_zero_is_plus(double value, int decimals, string printed) =>
        Figures.Signed(value, decimals).ShouldBe(printed);

    [Theory]
    [InlineData(1, "score", "1 score")]
    [InlineData(0, "score", "0 scores")]
    [InlineData(2, "model version", "2 model versions")]
    public void A_count_of_one_names_its_thing_in_the_singular_and_any_other_in_the_plural(long count, string noun, string printed) =>
        Figures.Counted(count, noun).ShouldBe(printed);
}
