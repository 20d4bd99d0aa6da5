using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Konomi.Web;

/// <summary>
/// Who may use the web app. Open while every listener is loopback (the default); once one is not, a request
/// needs <see cref="WebOptions.Token"/> or a person's token (<see cref="WebOptions.UserTokens"/>, which opens that
/// user's pages alone: <see cref="WebViewer"/>): once as <c>?token=</c>, which sets an HttpOnly cookie holding a keyed
/// hash of it and redirects to the same page without the token in the address.
/// </summary>
public sealed class WebAccess(RequestDelegate next, IServer server, IOptionsMonitor<WebOptions> options)
{
    public const string Cookie = "konomi-web";
    bool? _exposed;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsWebRequest(context) || !(_exposed ??= Exposed(server)))
        {
            await next(context);
            return;
        }
        var keys = options.CurrentValue.Keys().ToList();
        if (keys.Count == 0)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("The web app listens beyond loopback: set Web:Token (or Web__Token), or a person's Web:UserTokens:<user>, to use it.");
            return;
        }
        // The token opens a page (GET); a form post carrying one in its address is judged by its cookie, so it is not lost
        // to the redirect that takes the token out of the address.
        if (IsOpening(context.Request) && context.Request.Query["token"] is [{ } given])
        {
            if (keys.FirstOrDefault(k => Same(given, k.Token)) is not { Token: not null } key) { await RefuseAsync(context); return; }
            context.Response.Cookies.Append(Cookie, CookieValue(key.Token), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
            });
            var rest = context.Request.Query.Where(q => q.Key != "token").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"));
            var query = string.Join('&', rest);
            context.Response.Redirect(context.Request.PathBase + context.Request.Path + (query.Length > 0 ? "?" + query : ""));
            return;
        }
        if (context.Request.Cookies[Cookie] is { } cookie && keys.FirstOrDefault(k => Same(cookie, CookieValue(k.Token))) is { Token: not null } opened)
        {
            if (opened.UserId is { } only) context.Features.Set(new WebViewer(only));
            await next(context);
            return;
        }
        await RefuseAsync(context);
    }

    /// <summary>The pages and their assets; health, metrics, <c>/score</c> and Slack keep their own rules.</summary>
    static bool IsWebRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(WebExtensions.AssetsPath) || context.GetEndpoint()?.Metadata.GetMetadata<WebPageMarker>() is not null;

    static bool IsOpening(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    static async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync("""
            <!doctype html><meta charset="utf-8"><title>Konomi: token needed</title>
            <form method="get" style="font-family:sans-serif;margin:4rem auto;max-width:24rem">
            <p>This Konomi listens beyond loopback. Enter its <code>Web:Token</code>.</p>
            <input name="token" type="password" autofocus required> <button>Open</button></form>
            """);
    }

    static bool Exposed(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Any(a => !IsLoopback(a));
    }

    static bool IsLoopback(string address)
    {
        var host = BindingAddress.Parse(address).Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>A keyed hash, so the token itself never sits in the browser's cookie jar.</summary>
    static string CookieValue(string token) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "konomi-web-session"u8));

    static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}

/// <summary>The one user a person's token (<see cref="WebOptions.UserTokens"/>) opens; absent, every user's pages are open.</summary>
public sealed record WebViewer(string UserId);

/// <summary>Marks the web app's page endpoints for <see cref="WebAccess"/>.</summary>
public sealed class WebPageMarker;
