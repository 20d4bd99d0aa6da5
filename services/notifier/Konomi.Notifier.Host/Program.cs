using Konomi.Hosting;
using Konomi.Notifier;
using Konomi.Storage;

return ServiceHost.Run(args, builder =>
{
    builder.AddServiceDefaults();
    builder.AddKonomiStorage();
    builder.AddNotifier();
    builder.AddKonomiBus();
}, app => app.MapDefaultEndpoints());
