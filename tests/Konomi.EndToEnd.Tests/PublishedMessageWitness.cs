using Konomi.Contracts;
using MassTransit;

namespace Konomi.EndToEnd.Tests;

/// <summary>Counts each WorkScored and FeedbackReceived a service published into <see cref="BrokerWitness"/>.</summary>
public sealed class PublishedMessageWitness(BrokerWitness witness, IBus outside) : IConsumer<WorkScored>, IConsumer<FeedbackReceived>
{
    public Task Consume(ConsumeContext<WorkScored> context) => See(context, () => witness.Saw(context.Message));

    public Task Consume(ConsumeContext<FeedbackReceived> context) => See(context, () => witness.Saw(context.Message));

    Task See(ConsumeContext context, Action saw)
    {
        if (BrokerWitness.FromAService(context, outside))
            saw();
        return Task.CompletedTask;
    }
}
