// Exit 0 when the URL (default: this container's /health/live) answers 2xx within 3 s, 1 otherwise.
var url = args.Length > 0 ? args[0] : $"http://127.0.0.1:{Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080"}/health/live";
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
try
{
    using var response = await http.GetAsync(url);
    if (response.IsSuccessStatusCode) return 0;
    Console.Error.WriteLine($"{url}: {(int)response.StatusCode}");
}
catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
{
    Console.Error.WriteLine($"{url}: {e.Message}");
}
return 1;
