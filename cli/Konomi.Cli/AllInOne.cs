using Konomi.Crawler;
using Konomi.Feedback;
using Konomi.Hosting;
using Konomi.Inference;
using Konomi.Notifier;
using Konomi.Storage;
using Konomi.Trainer;
using Konomi.Web;

namespace Konomi.Cli;

/// <summary>
/// Every service library in one process: the in-memory bus unless <c>RabbitMq:Host</c> is set, the
/// embedded SQLite store unless <c>Storage:Provider</c> says mongo.
/// </summary>
public static class AllInOne
{
    public static WebApplicationBuilder CreateBuilder(string? dataDir, string? baseUrl, IDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "konomi" });
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>());
        if (dataDir is not null) settings["Storage:DataDirectory"] = dataDir;
        if (baseUrl is not null) settings["Crawler:BaseUrl"] = baseUrl;
        builder.Configuration.AddInMemoryCollection(settings);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:5080");

        builder.AddServiceDefaults();
        builder.AddKonomiStorage();
        builder.AddCrawler();
        builder.AddInference();
        builder.AddTrainer();
        builder.AddNotifier();
        builder.AddFeedback();
        builder.AddKonomiWeb();
        builder.AddKonomiBus();
        return builder;
    }

    /// <summary>Health, metrics, <c>POST /score</c> and <c>POST /slack/interactions</c>, as the separate hosts map them.</summary>
    public static WebApplication MapKonomiEndpoints(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapScore();
        app.MapSlackInteractions();
        return app;
    }
}
