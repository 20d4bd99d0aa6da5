using Konomi.Contracts;
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

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<WorkScoredConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseFilter(new WellFormedFilter<WorkScored>(Problem));

    /// <summary>
    /// A verdict without the work or user it is about: refused before the ledger, which on SQLite would refuse the entry in a
    /// driver's words and on MongoDB would keep one with no work.
    /// </summary>
    static string? Problem(WorkScored verdict) =>
        string.IsNullOrWhiteSpace(verdict.WorkId) ? $"carries no work id (user {verdict.UserId})"
        : string.IsNullOrWhiteSpace(verdict.UserId) ? $"carries no user id (work {verdict.WorkId})"
        : null;
}
