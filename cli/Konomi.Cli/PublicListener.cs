using Konomi.Feedback;
using Microsoft.AspNetCore.Http;

namespace Konomi.Cli;

/// <summary>
/// <c>Feedback:PublicUrl</c>: a second listener for Slack's Interactivity Request URL, the only thing
/// <c>konomi run</c> serves on it. The main listener (<c>ASPNETCORE_URLS</c>, loopback by default) keeps
/// <c>POST /score</c>, health and metrics. Told apart by the local port the connection arrived on, not the
/// Host header, which the caller chooses: a proxy or port-forward that publishes only the public port
/// cannot reach anything else.
/// </summary>
public static class PublicListener
{
    public const string Key = $"{FeedbackOptions.Section}:{nameof(FeedbackOptions.PublicUrl)}";

    public static void AddPublicListener(this WebApplicationBuilder builder, string privateUrls)
    {
        var urls = privateUrls;
        if (builder.Configuration[Key] is { Length: > 0 } publicUrl)
        {
            var publicPort = BindingAddress.Parse(publicUrl).Port;
            if (privateUrls.Split(';').Any(url => BindingAddress.Parse(url).Port == publicPort))
                throw new InvalidOperationException($"{Key} must use a port of its own; {publicUrl} shares one with {privateUrls}.");
            urls = $"{privateUrls};{publicUrl}";
        }
        // A source of its own, last, rather than WebHost.UseUrls: `konomi run --port`'s own "urls" setting came back over
        // what UseUrls set, and the public listener was never opened.
        builder.Configuration.AddInMemoryCollection([new("urls", urls)]);
    }

    /// <summary>On the public listener's port, everything but <see cref="SlackInteractionsEndpoint.Path"/> is 404.</summary>
    public static void UsePublicListener(this WebApplication app)
    {
        if (app.Configuration[Key] is not { Length: > 0 } publicUrl)
            return;
        var publicPort = BindingAddress.Parse(publicUrl).Port;
        app.Use((http, next) =>
        {
            if (http.Connection.LocalPort != publicPort || http.Request.Path.Equals(SlackInteractionsEndpoint.Path, StringComparison.Ordinal))
                return next(http);
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
