using Konomi.Cli.Terminal;
using Konomi.Crawler;
using Konomi.Feedback;
using Konomi.Hosting;
using Konomi.Inference;
using Konomi.Notifier;
using Konomi.Storage;
using Konomi.Storage.Retention;
using Konomi.Trainer;
using Konomi.Web;

namespace Konomi.Cli;

/// <summary>
/// Every service library in one process: the in-memory bus unless <c>RabbitMq:Host</c> is set, the
/// embedded SQLite store unless <c>Storage:Provider</c> says mongo.
/// </summary>
public static class AllInOne
{
    public const int DefaultPort = 5080;

    /// <summary>No <c>urls</c> / <c>ASPNETCORE_URLS</c> configured: Konomi listens on 127.0.0.1:<see cref="DefaultPort"/>.</summary>
    static bool ListensOnDefault(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"]);

    /// <param name="mayCreate">Whether this command may start a new store (see <see cref="DataDirectory"/>).</param>
    public static WebApplicationBuilder CreateBuilder(string? dataDir, string? baseUrl, IDictionary<string, string?>? overrides = null, bool mayCreate = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "konomi" });
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>());
        if (dataDir is not null) settings["Storage:DataDirectory"] = dataDir;
        if (baseUrl is not null) settings["Crawler:BaseUrl"] = baseUrl;
        builder.Configuration.AddInMemoryCollection(settings);
        DataDirectory.Check(builder.Configuration, mayCreate);
        builder.AddKonomiConsole();
        var urls = ListensOnDefault(builder.Configuration) ? $"http://127.0.0.1:{DefaultPort}"
            : builder.Configuration["urls"] is { Length: > 0 } configured ? configured : builder.Configuration["ASPNETCORE_URLS"]!;
        builder.AddPublicListener(urls);

        builder.AddServiceDefaults();
        builder.AddKonomiStorage();
        builder.AddKonomiRetention();
        builder.AddCrawler();
        builder.AddInference();
        builder.AddTrainer();
        builder.AddNotifier();
        builder.AddFeedback();
        builder.AddKonomiWeb();
        builder.AddKonomiBus();
        builder.Services.AddSingleton<InterruptedRunRecovery>();
        return builder;
    }

    /// <summary>No <c>RabbitMq:Host</c>: messages in flight live in this process alone and die with it.</summary>
    public static bool UsesInMemoryBus(IConfiguration configuration) => string.IsNullOrEmpty(configuration["RabbitMq:Host"]);

    /// <summary>
    /// Health, metrics, <c>POST /score</c> and <c>POST /slack/interactions</c>, as the separate hosts map them;
    /// with <c>Feedback:PublicUrl</c> set, its listener serves the Slack endpoint alone.
    /// </summary>
    public static WebApplication MapKonomiEndpoints(this WebApplication app)
    {
        app.UsePublicListener();
        app.MapDefaultEndpoints();
        app.MapScore();
        app.MapSlackInteractions();
        return app;
    }
}
