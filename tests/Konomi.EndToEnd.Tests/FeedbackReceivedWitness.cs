using Konomi.Contracts;
using MassTransit;

namespace Konomi.EndToEnd.Tests;

/// <summary>Counts each FeedbackReceived a service published into <see cref="BrokerWitness"/>.</summary>
public sealed class FeedbackReceivedWitness(BrokerWitness witness, IBus outside) : IConsumer<FeedbackReceived>
{
    public Task Consume(ConsumeContext<FeedbackReceived> context)
    {
        if (BrokerWitness.FromAService(context, outside))
            witness.Saw(context.Message);
        return Task.CompletedTask;
    }
}
