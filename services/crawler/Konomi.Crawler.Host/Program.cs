using Konomi.Crawler;
using Konomi.Hosting;
using Konomi.Storage;

return ServiceHost.Run(args, builder =>
{
    builder.AddServiceDefaults();
    builder.AddKonomiStorage();
    builder.AddCrawler();
    builder.AddKonomiBus();
}, app => app.MapDefaultEndpoints());
