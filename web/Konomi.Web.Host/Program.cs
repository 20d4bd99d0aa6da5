using Konomi.Crawler;
using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Web;

return ServiceHost.Run(args, builder =>
{
    // Loopback unless told otherwise: beyond it the pages need Web:Token.
    if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        builder.WebHost.UseUrls("http://127.0.0.1:5090");
    builder.AddServiceDefaults();
    builder.AddKonomiStorage();
    builder.AddKonomiWeb();
    builder.Services.AddCrawlerOptions(); // the Status page says when the crawler has given up on a work
    builder.AddKonomiBus();
}, app =>
{
    app.MapDefaultEndpoints();
    app.MapKonomiWeb();
});
