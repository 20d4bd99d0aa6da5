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
            context.Result = PlainAnswer.Of(StatusCodes.Status404NotFound, NoSuchAction(context, method));
            return;
        }
        await next();
    }

    /// <summary>"This page has no action 'Nope' for POST; its actions: POST ?handler=Answer, …": what a caller can send instead.</summary>
    static string NoSuchAction(PageHandlerExecutingContext context, string method)
    {
        var asked = context.HttpContext.Request.Query["handler"].ToString();
        var actions = context.ActionDescriptor.HandlerMethods
            .Where(h => !string.IsNullOrEmpty(h.Name) && !HttpMethods.IsGet(h.HttpMethod))
            .Select(h => $"{h.HttpMethod.ToUpperInvariant()} ?handler={h.Name}")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        return $"This page has no action {(asked.Length == 0 ? "without a name (no ?handler=)" : $"'{asked}'")} for {method}; "
            + (actions.Count == 0 ? "it takes no presses, it is only read (GET)." : $"its actions: {string.Join(", ", actions)}.");
    }
}

/// <summary>
/// A form the anti-forgery check refused gets a 400 or 413 that says why, instead of an empty one: the page's script shows
/// it to the person who pressed. Either its token no longer matches (the browser lost its cookie, or the store the keys
/// live in was replaced: a restart or another replica keeps them, see <see cref="FormKeys"/>), or the form was too large
/// to read at all (more fields or a longer value than ASP.NET's form limits), which no reload would mend, or it was no
/// form at all (a script posting JSON: 415).
/// </summary>
sealed class RefusedFormExplanation : IAsyncAlwaysRunResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.Result is IAntiforgeryValidationFailedResult)
            context.Result = !request.HasFormContentType
                // A script posting JSON has no stale page to reload: say what a press is instead.
                ? PlainAnswer.Of(StatusCodes.Status415UnsupportedMediaType,
                    $"A press is a form (application/x-www-form-urlencoded, as the page sends it), not {(string.IsNullOrEmpty(request.ContentType) ? "a body without a Content-Type" : $"'{request.ContentType}'")}: nothing was saved.")
                : await TooLargeAsync(request) is { } cause
                ? PlainAnswer.Of(StatusCodes.Status413RequestEntityTooLarge,
                    $"This press's form is too large to read ({cause}): nothing was saved.")
                : PlainAnswer.Of(StatusCodes.Status400BadRequest,
                    "This page's form no longer matches this browser (its cookies were cleared, or the app's store was replaced): reload the page and press again. Nothing was saved.");
        await next();
    }

    /// <summary>Why the form could not be read, or null: the anti-forgery check read it first, and the form keeps that outcome.</summary>
    static async Task<string?> TooLargeAsync(HttpRequest request)
    {
        try
        {
            await request.ReadFormAsync();
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message.TrimEnd('.');
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413RequestEntityTooLarge)
        {
            return e.Message.TrimEnd('.');
        }
        catch (IOException)
        {
            return null; // the client went away mid-form: nobody reads the answer
        }
    }
}

/// <summary>An answer in plain text: the pages' script shows it to the person whose press it was.</summary>
static class PlainAnswer
{
    public static ContentResult Of(int status, string text) =>
        new() { StatusCode = status, ContentType = "text/plain; charset=utf-8", Content = text };
}
