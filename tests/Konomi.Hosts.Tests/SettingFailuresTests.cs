using Konomi.Settings;
using Microsoft.Extensions.Options;

namespace Konomi.Hosts.Tests;

/// <summary>What a host (and <c>konomi</c>) tells in one line, and what it leaves to a stack trace.</summary>
public class SettingFailuresTests
{
    static OptionsValidationException Refused(params string[] failures) => new("", typeof(object), failures);

    [Fact]
    public void A_failure_no_setting_caused_is_not_described_so_it_keeps_its_stack_trace()
    {
        SettingFailures.Describe(new InvalidOperationException("Unable to resolve service for type 'IUserStore'")).ShouldBeNull();
        SettingFailures.Describe(new NullReferenceException()).ShouldBeNull();
        SettingFailures.Describe(new AggregateException(Refused("Trainer:Folds must be at least 2"), new InvalidOperationException("a bug"))).ShouldBeNull();
    }

    [Fact]
    public void Every_failure_of_the_start_up_check_is_named_once()
    {
        var check = new AggregateException(
            Refused("Bus:Retyr is not a setting; did you mean Bus:Retry?", "Trainer:Folds must be at least 2"),
            Refused("Bus:Retyr is not a setting; did you mean Bus:Retry?"));

        SettingFailures.Describe(check).ShouldBe("Bus:Retyr is not a setting; did you mean Bus:Retry?; Trainer:Folds must be at least 2");
    }

    [Fact]
    public void A_value_read_while_the_host_is_composed_is_named_with_what_would_do()
    {
        var binder = new InvalidOperationException("Failed to convert configuration value 'abc' at 'Crawler:Interval' to type 'System.TimeSpan'.");

        SettingFailures.Describe(binder).ShouldBe("Crawler:Interval: 'abc' is not a duration such as 00:30:00 (hh:mm:ss) or 1.00:00:00 (a day)");
    }

    [Theory]
    [InlineData("99999999999", "System.Int32", "Crawler:PagesPerCycle: '99999999999' is too large a number (at most 2147483647)")]
    [InlineData("-1", "System.UInt32", "Crawler:PagesPerCycle: '-1' is too small a number (at least 0)")]
    [InlineData("4.5", "System.Int32", "Crawler:PagesPerCycle: '4.5' is not a whole number")]
    public void A_whole_number_too_large_for_its_setting_is_said_to_be_too_large_not_to_be_no_whole_number(string value, string type, string described)
    {
        var binder = new InvalidOperationException($"Failed to convert configuration value '{value}' at 'Crawler:PagesPerCycle' to type '{type}'.");

        SettingFailures.Describe(binder).ShouldBe(described);
    }
}
