using Konomi.Feedback;
using Konomi.Hosting;
using Konomi.Storage;

return ServiceHost.Run(args, builder =>
{
    builder.AddServiceDefaults();
    builder.AddKonomiStorage();
    builder.AddFeedback();
    builder.AddKonomiBus();
}, app =>
{
    app.MapDefaultEndpoints();
    app.MapSlackInteractions();
});
