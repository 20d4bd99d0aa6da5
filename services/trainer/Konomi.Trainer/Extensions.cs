using Microsoft.Extensions.Hosting;

namespace Konomi.Trainer;

public static class Extensions
{
    /// <summary>Registers the trainer service: its options, logic and consumers.</summary>
    public static IHostApplicationBuilder AddTrainer(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
