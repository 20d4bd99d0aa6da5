using Konomi.Labelling;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer.Tests;

public sealed class TrainerOptionsTests
{
    [Theory]
    [InlineData("00:00:00.5")]
    [InlineData("1.00:00:01")]
    public async Task A_label_check_outside_a_second_to_a_day_is_refused_naming_the_key(string labelCheck)
    {
        await using var trainer = new TrainerFixture(new() { ["Trainer:LabelCheck"] = labelCheck });

        Should.Throw<OptionsValidationException>(() => trainer.Get<IOptions<TrainerOptions>>().Value)
            .Message.ShouldContain("Trainer:LabelCheck must be between 1 second and 1 day");
    }
}
