using Konomi.Contracts;
using Konomi.Hosting;
using MassTransit;

namespace Konomi.Trainer;

public sealed class ServingModelFailedConsumerDefinition : ConsumerDefinition<ServingModelFailedConsumer>
{
    public ServingModelFailedConsumerDefinition() => EndpointName = Subscriptions.TrainerServingModelFailed;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ServingModelFailedConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseFilter(new WellFormedFilter<ServingModelFailed>(Problem));

    // The user and version are what the registry is asked about and the plan keys on.
    static string? Problem(ServingModelFailed failed) =>
        string.IsNullOrWhiteSpace(failed.UserId) ? $"carries no user id (v{failed.Version})"
        : failed.Version < 1 ? $"names no model version (user {failed.UserId})"
        : null;
}
