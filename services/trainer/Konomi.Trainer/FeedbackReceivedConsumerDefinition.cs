using Konomi.Hosting;
using MassTransit;

namespace Konomi.Trainer;

public sealed class FeedbackReceivedConsumerDefinition : ConsumerDefinition<FeedbackReceivedConsumer>
{
    // A queue of the trainer's own, so every other service consuming FeedbackReceived still gets each message.
    public FeedbackReceivedConsumerDefinition() => EndpointName = Subscriptions.TrainerFeedbackReceived;
}
