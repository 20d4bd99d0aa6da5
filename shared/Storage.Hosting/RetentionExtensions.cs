using Konomi.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Konomi.Storage.Retention;

public static class RetentionExtensions
{
    /// <summary>The store and the scheduled pruning (section <c>Retention</c>). Idempotent.</summary>
    public static IHostApplicationBuilder AddKonomiRetention(this IHostApplicationBuilder builder)
    {
        builder.AddKonomiStorage();
        if (!builder.Properties.TryAdd(typeof(RetentionExtensions), true)) return builder;
        builder.Services.AddRetentionOptions().ValidateOnStart();
        builder.Services.AddHostedService<RetentionService>();
        return builder;
    }

    /// <summary>Only the settings (for <c>konomi prune</c>, whose host is built, not started).</summary>
    public static OptionsBuilder<RetentionOptions> AddRetentionOptions(this IServiceCollection services) =>
        services.AddOptions<RetentionOptions>().BindSettings(RetentionOptions.Section);
}
