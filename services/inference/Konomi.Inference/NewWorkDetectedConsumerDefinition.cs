using Konomi.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Konomi.Inference;

/// <summary>Batches of up to <c>Inference:BatchSize</c> works, cut short after <c>Inference:BatchTimeLimit</c>.</summary>
public sealed class NewWorkDetectedConsumerDefinition : ConsumerDefinition<NewWorkDetectedConsumer>
{
    readonly InferenceOptions _options;

    public NewWorkDetectedConsumerDefinition(IOptions<InferenceOptions> options)
    {
        _options = options.Value;
        // A queue of inference's own, so every other service consuming NewWorkDetected still gets each message.
        EndpointName = Subscriptions.InferenceNewWorkDetected;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<NewWorkDetectedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var o = _options;
        // A batch can only fill up to what the endpoint has fetched.
        endpointConfigurator.UseFilter(new WellFormedWorkFilter());
        endpointConfigurator.PrefetchCount = Math.Max(endpointConfigurator.PrefetchCount, o.BatchSize * o.ConcurrentBatches);
        consumerConfigurator.Options<BatchOptions>(b => b
            .SetMessageLimit(o.BatchSize)
            .SetTimeLimit(o.BatchTimeLimit)
            .SetConcurrencyLimit(o.ConcurrentBatches));
    }
}
