using Konomi.Contracts;
using Konomi.Hosting;
using MassTransit;

namespace Konomi.Trainer;

public sealed class FeedbackReceivedConsumerDefinition : ConsumerDefinition<FeedbackReceivedConsumer>
{
    // A queue of the trainer's own, so every other service consuming FeedbackReceived still gets each message.
    public FeedbackReceivedConsumerDefinition() => EndpointName = Subscriptions.TrainerFeedbackReceived;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<FeedbackReceivedConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseFilter(new WellFormedFilter<FeedbackReceived>(Problem));

    // The user is what the retrain plan keys on; without one the plan would fail with "Value cannot be null (key)".
    static string? Problem(FeedbackReceived feedback) =>
        string.IsNullOrWhiteSpace(feedback.UserId) ? $"carries no user id (work {feedback.WorkId})" : null;
}
