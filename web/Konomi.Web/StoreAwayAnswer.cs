using Konomi.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Logging;

namespace Konomi.Web;

/// <summary>
/// The store briefly away (a SQLite file another writer holds, a MongoDB failover) answers 503 with the reason in plain
/// text, which the pages' script shows above the page, instead of a blank 500: the person learns to try again.
/// </summary>
sealed partial class StoreAwayAnswer(StoreOutage outage, ILogger<StoreAwayAnswer> logger) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (!outage.IsTransient(context.Exception)) return;
        LogStoreAway(logger, context.HttpContext.Request.Method, context.HttpContext.Request.Path, context.Exception.Message);
        // A page that did not load lost nothing; only a press (a POST) can leave the person unsure it was kept.
        var pressed = HttpMethods.IsPost(context.HttpContext.Request.Method);
        context.Result = PlainAnswer.Of(StatusCodes.Status503ServiceUnavailable, pressed ? Away + " " + PressUnsure : Away + " Reload the page then.");
        context.ExceptionHandled = true;
    }

    internal const string Away = "Konomi's store is not answering just now: try again in a moment.";
    internal const string PressUnsure = "The press you just made may not have been saved; reload the page to see.";

    [LoggerMessage(1, LogLevel.Warning, "{Method} {Path}: the store is not answering ({Reason}); answered 503")]
    static partial void LogStoreAway(ILogger logger, string method, string path, string reason);
}
