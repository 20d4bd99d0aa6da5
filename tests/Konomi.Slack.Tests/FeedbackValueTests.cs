namespace Konomi.Slack.Tests;

public sealed class FeedbackValueTests
{
    [Fact]
    public void A_value_round_trips_even_with_separators_in_ids()
    {
        var value = new FeedbackValue("RJ01234567", "me|you", "logistic", 7);

        var text = value.Format();

        text.ShouldBe("RJ01234567|me%7Cyou|logistic|7");
        FeedbackValue.TryParse(text, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RJ1|u|m")]
    [InlineData("RJ1|u|m|7|extra")]
    [InlineData("RJ1||m|7")]
    [InlineData("RJ1|u|m|-7")]
    [InlineData("RJ1|u|m|seven")]
    [InlineData("RJ1|u|m|99999999999")]
    public void Malformed_values_do_not_parse(string? text)
    {
        FeedbackValue.TryParse(text, out var parsed).ShouldBeFalse();
        parsed.ShouldBeNull();
    }

    [Fact]
    public void An_oversized_value_is_refused_rather_than_cut()
    {
        Should.Throw<ArgumentException>(() => new FeedbackValue(new string('w', 2000), "u", "m", 1).Format());
    }
}
