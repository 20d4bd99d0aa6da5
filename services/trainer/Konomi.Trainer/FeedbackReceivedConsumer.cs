using Konomi.Contracts;
using MassTransit;

namespace Konomi.Trainer;

/// <summary>Notes a new label in the retrain plan; training itself runs off the message path.</summary>
public sealed class FeedbackReceivedConsumer(RetrainPlan plan) : IConsumer<FeedbackReceived>
{
    public Task Consume(ConsumeContext<FeedbackReceived> context)
    {
        plan.Feedback(context.Message.UserId);
        return Task.CompletedTask;
    }
}
