using Konomi.Settings;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Konomi.Feedback;
using Konomi.Labelling;
using Konomi.TasteModels;
using Konomi.Trainer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Razor.Compilation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.WebEncoders;

namespace Konomi.Web;

public static class WebExtensions
{
    public const string AssetsPath = "/assets";

    /// <summary>
    /// The web app's pages and what they use: the feedback service's click recorder (so a button here is a
    /// Slack click in every way), the labelling queue, the serving-model override and curve, and the forms' keys kept in
    /// the store (<see cref="FormKeys"/>). Needs the store and the bus (<c>AddKonomiStorage</c>, <c>AddKonomiBus</c> after the service libraries).
    /// </summary>
    public static IHostApplicationBuilder AddKonomiWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>().BindSettings(WebOptions.Section)
            .Validate(o => o.UserTokens.Values.All(t => !string.IsNullOrWhiteSpace(t)), "Web:UserTokens: a user's token cannot be empty")
            .Validate(o => o.Keys().Select(k => k.Token).Distinct().Count() == o.Keys().Count(), "Web:Token and Web:UserTokens: no two may be the same token");
        builder.Services.AddFormKeys();
        builder.Services.AddClickRecorder();
        builder.Services.AddServingControls();
        if (!builder.Services.Any(d => d.ServiceType == typeof(TasteModelFamilies)))
            builder.Services.AddTasteModels();
        builder.Services.AddLabelling();
        builder.Services.AddMemoryCache();
        // Razor's default encoder writes every kana and kanji as &#x…; (three times the bytes, unreadable source).
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(o =>
            {
                o.Conventions.AddFolderApplicationModelConvention("/", model => model.EndpointMetadata.Add(new WebPageMarker()));
                o.Conventions.ConfigureFilter(new UnknownActionRefusal());
                o.Conventions.ConfigureFilter(new RefusedFormExplanation());
                o.Conventions.ConfigureFilter(new TypeFilterAttribute(typeof(StoreAwayAnswer)));
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // `konomi run` names its application "konomi", which part discovery cannot load: add this assembly by hand.
                var assembly = typeof(WebExtensions).Assembly;
                if (parts.ApplicationParts.OfType<CompiledRazorAssemblyPart>().Any(p => p.Assembly == assembly)) return;
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    parts.ApplicationParts.Add(part);
            });
        return builder;
    }

    /// <summary>The pages at <c>/</c>, <c>/label</c>, <c>/models</c>, <c>/status</c> and their assets, behind <see cref="WebAccess"/>.</summary>
    public static WebApplication MapKonomiWeb(this WebApplication app)
    {
        app.UseStatusCodePages(NoPageHere);
        app.UseMiddleware<WebAccess>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(WebExtensions).Assembly, "assets"),
            RequestPath = AssetsPath,
        });
        app.MapRazorPages();
        return app;
    }

    /// <summary>An empty 404 or 405 shows a blank browser tab: say what was asked and where the pages are.</summary>
    static Task NoPageHere(StatusCodeContext context)
    {
        var request = context.HttpContext.Request;
        var text = context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"404: Konomi has no page at {request.Path}. Its pages are /, /label, /models and /status.",
            StatusCodes.Status405MethodNotAllowed => $"405: {request.Path} does not answer {request.Method}.",
            _ => null,
        };
        if (text is null) return Task.CompletedTask;
        context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
        return context.HttpContext.Response.WriteAsync(text + "\n");
    }
}
