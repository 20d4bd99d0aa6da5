using Microsoft.Extensions.Hosting;

namespace Konomi.Feedback;

public static class Extensions
{
    /// <summary>Registers the feedback service: its options, logic and consumers.</summary>
    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
