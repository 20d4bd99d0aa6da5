using Konomi.Contracts;
using MassTransit;

namespace Konomi.EndToEnd.Tests;

/// <summary>Counts each WorkScored a service published into <see cref="BrokerWitness"/>.</summary>
public sealed class WorkScoredWitness(BrokerWitness witness, IBus outside) : IConsumer<WorkScored>
{
    public Task Consume(ConsumeContext<WorkScored> context)
    {
        if (BrokerWitness.FromAService(context, outside))
            witness.Saw(context.Message);
        return Task.CompletedTask;
    }
}
