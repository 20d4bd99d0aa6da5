using Konomi.Hosting;

namespace Konomi.Cli.Tests.Terminal;

/// <summary>Signed figures as <c>konomi score</c>, <c>recommend</c>, <c>train</c> and the gate print them.</summary>
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
}
