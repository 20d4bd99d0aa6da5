using Konomi.Settings;
using System.Net;
using Konomi.Crawler.DLsite;
using Konomi.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly;

namespace Konomi.Crawler;

public static class Extensions
{
    /// <summary>
    /// Binds <see cref="CrawlerOptions"/> alone, for what reads the crawler's settings without crawling (<c>konomi status</c>,
    /// the web app's Status page). Once per host: binding twice would append the configured floors twice.
    /// </summary>
    public static OptionsBuilder<CrawlerOptions> AddCrawlerOptions(this IServiceCollection services) =>
        services.AddOptions<CrawlerOptions>().BindSettings(CrawlerOptions.Section).PostConfigure(o => o.ApplyDefaults());

    /// <summary>Registers the crawler service: its options, the DLsite client, the crawl cycle and its schedule.</summary>
    public static IHostApplicationBuilder AddCrawler(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCrawlerOptions();
        builder.Services.AddSingleton<IValidateOptions<CrawlerOptions>, CrawlerOptionsValidation>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Redirects are followed by DLsiteClient so every hop passes the host check; cookies are set per request.
        builder.Services.AddHttpClient(DLsiteClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
            });
        builder.Services.AddRetrySettings(CrawlerOptions.RetrySection, r =>
        {
            r.MaxAttempts = 4;
            r.BaseDelay = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddSingleton<IValidateOptions<RetrySettings>, CrawlerRetryValidation>();
        builder.Services.AddResiliencePipeline<string, DLsiteClient.Outcome>(DLsiteClient.Retry, DLsiteClient.ConfigureRetry);
        builder.Services.AddSingleton<HostPacer>();
        builder.Services.AddSingleton<DLsiteClient>();
        builder.Services.AddSingleton<CrawlCycle>();
        builder.Services.AddHostedService<CrawlSchedule>();
        return builder;
    }
}
