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
            context.Result = PlainAnswer.Of(StatusCodes.Status404NotFound, $"This page has no action '{context.HttpContext.Request.Query["handler"]}' for {method}.");
            return;
        }
        await next();
    }
}

/// <summary>
/// A form whose anti-forgery token no longer matches (the browser lost its cookie, or the store the keys live in was
/// replaced: a restart or another replica keeps them, see <see cref="FormKeys"/>) gets a 400 that says so, instead of an
/// empty one: the page's script shows it to the person who pressed.
/// </summary>
sealed class StaleFormExplanation : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
            context.Result = PlainAnswer.Of(StatusCodes.Status400BadRequest,
                "This page's form no longer matches this browser (its cookies were cleared, or the app's store was replaced): reload the page and press again. Nothing was saved.");
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}

/// <summary>An answer in plain text: the pages' script shows it to the person whose press it was.</summary>
static class PlainAnswer
{
    public static ContentResult Of(int status, string text) =>
        new() { StatusCode = status, ContentType = "text/plain; charset=utf-8", Content = text };
}
