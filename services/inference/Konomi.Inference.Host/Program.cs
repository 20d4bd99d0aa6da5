using Konomi.Hosting;
using Konomi.Inference;
using Konomi.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKonomiStorage();
builder.AddInference();
builder.AddKonomiBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapScore();
app.Run();
