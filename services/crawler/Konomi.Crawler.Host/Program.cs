using Konomi.Hosting;
using Konomi.Crawler;
using Konomi.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKonomiStorage();
builder.AddCrawler();
builder.AddKonomiBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
