using Konomi.Hosting;
using MassTransit;

namespace Konomi.Notifier;

public sealed class WorkScoredConsumerDefinition : ConsumerDefinition<WorkScoredConsumer>
{
    public WorkScoredConsumerDefinition()
    {
        // Posting is paced per channel by the Slack client anyway; a few at once keep other channels moving.
        ConcurrentMessageLimit = 8;
        EndpointName = Subscriptions.NotifierWorkScored;
    }
}
