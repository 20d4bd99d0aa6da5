using Konomi.Contracts;
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
        endpointConfigurator.UseFilter(new WellFormedFilter<NewWorkDetected>(Problem));
        endpointConfigurator.PrefetchCount = Math.Max(endpointConfigurator.PrefetchCount, o.BatchSize * o.ConcurrentBatches);
        consumerConfigurator.Options<BatchOptions>(b => b
            .SetMessageLimit(o.BatchSize)
            .SetTimeLimit(o.BatchTimeLimit)
            .SetConcurrencyLimit(o.ConcurrentBatches));
    }

    /// <summary>
    /// No work, or one with a value missing (a null title, list or list entry, a blank url: <see cref="WorkJson.Missing"/>):
    /// a batch fails as a whole, so one such message would take the good works batched with it to the error queue.
    /// </summary>
    static string? Problem(NewWorkDetected message) => message.Work switch
    {
        null or { Id: null } => "carries no work with an id",
        var work => WorkJson.Missing(work) is { } missing ? $"carries work {work.Id} with a value missing: {missing}" : null,
    };
}
