using System.Text.RegularExpressions;

namespace Konomi.Web.Tests;

/// <summary>
/// Posts the web app's forms as a script or an odd browser would: with a valid anti-forgery token (taken from a page,
/// cookie kept) but whatever fields it likes. Redirects are returned, not followed.
/// </summary>
public sealed partial class FormClient(WebApp app) : IDisposable
{
    readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Url) };
    string? _token;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path, Ct);

    /// <param name="htmx">As htmx sends it (the fragment comes back), or as a plain form post without scripts.</param>
    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, bool htmx = true, HttpMethod? method = null)
    {
        _token ??= await TokenAsync();
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", _token))),
        };
        if (htmx) request.Headers.Add("HX-Request", "true");
        return await _http.SendAsync(request, Ct);
    }

    /// <summary>Posts <paramref name="content"/> as it is, with the page's anti-forgery cookie but no form around it.</summary>
    public async Task<HttpResponseMessage> PostBodyAsync(string path, HttpContent content)
    {
        _token ??= await TokenAsync();
        return await _http.PostAsync(path, content, Ct);
    }

    async Task<string> TokenAsync()
    {
        // Any page's form carries it; the Status page's user picker is a GET form, so ask one with a POST form.
        var html = await _http.GetStringAsync("/label", Ct);
        return Token().Match(html) is { Success: true } found
            ? found.Groups[1].Value
            : throw new InvalidOperationException("The label page showed no form: add a user and a work first.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public void Dispose() => _http.Dispose();
}
