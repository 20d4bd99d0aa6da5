using Konomi.Hosting;
using Konomi.Feedback;
using Konomi.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKonomiStorage();
builder.AddFeedback();
builder.AddKonomiBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSlackInteractions();
app.Run();
