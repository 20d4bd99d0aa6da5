using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konomi.Inference;

public static class ScoreEndpoint
{
    /// <summary>
    /// <c>POST /score?user=U</c>: a work in the <see cref="KonomiJson"/> shape in (a 400 names the wrong field), U's
    /// score and reasons out; nothing is stored or published. When no model serves U, the score's <c>noModel</c>
    /// (<see cref="WorkScored.NoModel"/>) says why: labels missing, or the gate rejected U's first model.
    /// It reveals U's verdicts and preferences, so it answers only callers on this machine, or holders of
    /// <c>Inference:ScoreToken</c> when that is set, and only for a user the store knows. The body is read
    /// only after those checks, and only up to <c>Inference:MaxScoreBodyBytes</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapScore(this IEndpointRouteBuilder app)
    {
        app.MapPost("/score", ScoreAsync)
            .RequireLocalOrToken(services => services.GetRequiredService<IOptions<InferenceOptions>>().Value.ScoreToken);
        return app;
    }

    static async Task<IResult> ScoreAsync(HttpContext http, string? user, IUserStore users, WorkScorer scorer,
        IOptions<InferenceOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(user))
            return Error(StatusCodes.Status400BadRequest, "name the user to score for: POST /score?user=U");
        // Bound, ?user=a&user=b reads as the one user "a,b".
        if (http.Request.Query["user"].Count > 1)
            return Error(StatusCodes.Status400BadRequest, "name one user: POST /score?user=U scores for one user at a time");
        if (await users.FindAsync(user, ct) is not { } profile)
            return Error(StatusCodes.Status404NotFound, $"no user '{user}': add one with `konomi users add {user}`");

        var limit = options.Value.MaxScoreBodyBytes;
        if (http.Request.ContentLength > limit)
            return Error(StatusCodes.Status413PayloadTooLarge, $"a work is at most {limit} bytes");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        string body;
        try
        {
            using var reader = new StreamReader(http.Request.Body);
            body = await reader.ReadToEndAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"a work is at most {limit} bytes");
        }
        var (work, problem) = WorkJson.Read(body);
        if (work is null)
            return Error(StatusCodes.Status400BadRequest, "not a work: " + problem);
        return Results.Json(await scorer.ScoreAsync(WorkScorer.OnRequest, [work], [profile], ct), KonomiJson.Options);
    }

    static IResult Error(int status, string error) => Results.Json(new { error }, statusCode: status);
}
