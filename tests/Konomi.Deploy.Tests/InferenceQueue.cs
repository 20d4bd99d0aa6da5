using Konomi.Inference;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Konomi.Deploy.Tests;

/// <summary>The queue KEDA must watch: the endpoint inference's batch consumer definition names.</summary>
public static class InferenceQueue
{
    public static string Name { get; } = ((IConsumerDefinition)new NewWorkDetectedConsumerDefinition(Options.Create(new InferenceOptions())))
        .GetEndpointName(KebabCaseEndpointNameFormatter.Instance);
}
