using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKonomiStorage();
builder.AddKonomiWeb();
builder.AddKonomiBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapKonomiWeb();
app.Run();
