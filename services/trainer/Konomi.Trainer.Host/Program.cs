using Konomi.Hosting;
using Konomi.Trainer;
using Konomi.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKonomiStorage();
builder.AddTrainer();
builder.AddKonomiBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
