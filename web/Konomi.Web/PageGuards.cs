using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace Konomi.Web;

/// <summary>
/// A POST (or PUT, DELETE…) that names no handler of the page answers 404. Razor Pages would otherwise render the
/// page with nothing loaded ("Nothing scored yet"), which reads as if the data were gone.
/// </summary>
sealed class UnknownActionRefusal : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status404NotFound,
                ContentType = "text/plain; charset=utf-8",
                Content = $"This page has no action '{context.HttpContext.Request.Query["handler"]}' for {method}.",
            };
            return;
        }
        await next();
    }
}

/// <summary>
/// A form whose anti-forgery token no longer decrypts (the app restarted with new keys, or the page is very old) gets a
/// 400 that says so, instead of an empty one: the page's script shows it to the person who pressed.
/// </summary>
sealed class StaleFormExplanation : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = "This page is older than the app's form keys (it restarted, or the page was open a long time): reload the page and press again. Nothing was saved.",
            };
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
