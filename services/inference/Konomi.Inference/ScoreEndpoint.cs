using Konomi.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Konomi.Inference;

public static class ScoreEndpoint
{
    /// <summary>
    /// <c>POST /score[?user=U]</c>: a work in the <see cref="KonomiJson"/> shape in (a 400 problem names the wrong field), each active user's (or U's) score and reasons out.
    /// Ad hoc: nothing is stored or published.
    /// </summary>
    public static IEndpointRouteBuilder MapScore(this IEndpointRouteBuilder app)
    {
        app.MapPost("/score", async (HttpRequest request, string? user, Audience audience, WorkScorer scorer, CancellationToken ct) =>
        {
            using var body = new StreamReader(request.Body);
            var (work, problem) = WorkJson.Read(await body.ReadToEndAsync(ct));
            if (work is null)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a work", detail: problem);
            return Results.Json(await scorer.ScoreAsync([work], await audience.ListAsync(user, ct), ct), KonomiJson.Options);
        });
        return app;
    }
}
