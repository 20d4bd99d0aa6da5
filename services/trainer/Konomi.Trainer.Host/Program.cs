using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Storage.Retention;
using Konomi.Trainer;

return ServiceHost.Run(args, builder =>
{
    builder.AddServiceDefaults();
    builder.AddKonomiStorage();
    builder.AddKonomiRetention();
    builder.AddTrainer();
    builder.AddKonomiBus();
}, app => app.MapDefaultEndpoints());
