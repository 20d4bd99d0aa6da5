using Konomi.Hosting;
using Konomi.Notifier;
using Konomi.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKonomiStorage();
builder.AddNotifier();
builder.AddKonomiBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
