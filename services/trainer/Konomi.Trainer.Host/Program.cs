using Konomi.Hosting;
using Konomi.Trainer;
using Konomi.Storage;
using Konomi.Storage.Retention;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKonomiStorage();
builder.AddKonomiRetention();
builder.AddTrainer();
builder.AddKonomiBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
