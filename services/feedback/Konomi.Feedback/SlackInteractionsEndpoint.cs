using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Konomi.Feedback;

public static class SlackInteractionsEndpoint
{
    /// <summary>Slack's Interactivity Request URL path.</summary>
    public const string Path = "/slack/interactions";

    /// <summary>Maps <c>POST /slack/interactions</c>; it answers only when <c>Feedback:Mode</c> is http.</summary>
    public static IEndpointRouteBuilder MapSlackInteractions(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, (HttpContext context, InteractionReceiver receiver) => receiver.ReceiveAsync(context));
        return app;
    }
}
