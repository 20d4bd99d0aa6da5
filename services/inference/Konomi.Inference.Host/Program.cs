using Konomi.Hosting;
using Konomi.Inference;
using Konomi.Storage;

return ServiceHost.Run(args, builder =>
{
    builder.AddServiceDefaults();
    builder.AddKonomiStorage();
    builder.AddInference();
    builder.AddKonomiBus();
}, app =>
{
    app.MapDefaultEndpoints();
    app.MapScore();
});
