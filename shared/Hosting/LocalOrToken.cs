using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Konomi.Hosting;

/// <summary>
/// Who may call a private endpoint: with a token configured, whoever sends <c>Authorization: Bearer {token}</c>
/// (from anywhere; compared in constant time); without one, callers on this machine only. Runs as an endpoint
/// filter, so it decides before a handler reads the body. Behind a reverse proxy on the same machine every
/// caller looks local: configure the token whenever the endpoint is reachable from elsewhere.
/// </summary>
public static class LocalOrToken
{
    /// <summary>Guards the endpoints of <paramref name="builder"/>; <paramref name="token"/> reads the configured token (null or empty: none).</summary>
    public static TBuilder RequireLocalOrToken<TBuilder>(this TBuilder builder, Func<IServiceProvider, string?> token)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            Check(context.HttpContext, token(context.HttpContext.RequestServices)) ?? await next(context));

    /// <summary>Null when the caller may go on, else the refusal to send.</summary>
    public static IResult? Check(HttpContext http, string? token)
    {
        if (string.IsNullOrEmpty(token))
            return IsLocal(http.Connection)
                ? null
                : Results.Json(new { error = "only callers on this machine may use this endpoint until a token is configured" },
                    statusCode: StatusCodes.Status403Forbidden);
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(token)))
            return null;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(new { error = "a valid bearer token is required" }, statusCode: StatusCodes.Status401Unauthorized);
    }

    static bool IsLocal(ConnectionInfo connection) => connection.RemoteIpAddress is { } remote
        && (IPAddress.IsLoopback(remote) || (remote.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(remote.MapToIPv4())));
}
