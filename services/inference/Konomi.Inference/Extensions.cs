using Microsoft.Extensions.Hosting;

namespace Konomi.Inference;

public static class Extensions
{
    /// <summary>Registers the inference service: its options, logic and consumers.</summary>
    public static IHostApplicationBuilder AddInference(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
