using Konomi.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Konomi.Inference;

public static class ScoreEndpoint
{
    /// <summary>
    /// <c>POST /score[?user=U]</c>: a work as JSON in, each active user's (or U's) score and reasons out.
    /// Ad hoc: nothing is stored or published.
    /// </summary>
    public static IEndpointRouteBuilder MapScore(this IEndpointRouteBuilder app)
    {
        app.MapPost("/score", async (Work work, string? user, Audience audience, WorkScorer scorer, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(work.Id) || string.IsNullOrWhiteSpace(work.Title))
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["work"] = ["A work needs a non-empty id and title."],
                });
            return Results.Ok(await scorer.ScoreAsync([work], await audience.ListAsync(user, ct), ct));
        });
        return app;
    }
}
