using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Konomi.Testing;

namespace Konomi.Deploy.Tests;

/// <summary>
/// The standalone Aspire dashboard from NuGet as a local OTLP collector: services export to
/// <see cref="OtlpEndpoint"/>, the test reads what arrived from its JSON API.
/// </summary>
public sealed class AspireDashboard : IAsyncDisposable
{
    readonly Process _process;
    readonly HttpClient _api;

    AspireDashboard(Process process, Uri ui, Uri otlp)
    {
        _process = process;
        _api = new HttpClient { BaseAddress = ui };
        OtlpEndpoint = otlp;
    }

    public Uri OtlpEndpoint { get; }

    public static async Task<AspireDashboard> StartAsync(CancellationToken ct)
    {
        // FreePort releases its ports before the dashboard binds them, and another process can take one in between:
        // a dashboard that exited before answering is started again on other ports.
        for (var attempt = 0; attempt < 3; attempt++)
            if (await TryStartAsync(ct) is { } dashboard) return dashboard;
        throw new InvalidOperationException("The Aspire dashboard exited before it answered, three times.");
    }

    static async Task<AspireDashboard?> TryStartAsync(CancellationToken ct)
    {
        var binary = typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AspireDashboard").Value!;
        File.Exists(binary).ShouldBeTrue($"{binary} missing: restore tests/Konomi.Deploy.Tests (PackageDownload Aspire.Dashboard.Sdk.linux-x64)");
        // NuGet extracts the binary without its execute bit; the package ships linux-x64 only.
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute);
        var ui = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var otlp = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = Path.GetDirectoryName(binary)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = ui.ToString();
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = otlp.ToString();
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dashboard = new AspireDashboard(process, ui, otlp);
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            try
            {
                if ((await dashboard._api.GetAsync("api/telemetry/traces", ct)).IsSuccessStatusCode) return dashboard;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200, ct);
        }
        var exited = process.HasExited;
        await dashboard.DisposeAsync();
        return exited ? null : throw new InvalidOperationException("The Aspire dashboard did not answer within 20 s.");
    }

    /// <summary>Every span received so far, with the service.name of the process that sent it.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> SpansAsync(CancellationToken ct)
    {
        var body = JsonNode.Parse(await _api.GetStringAsync("api/telemetry/traces", ct))!;
        return
        [
            .. body["data"]!["resourceSpans"]!.AsArray().SelectMany(resource =>
            {
                var service = Attributes(resource!["resource"]?["attributes"]).GetValueOrDefault("service.name") ?? "";
                return resource!["scopeSpans"]!.AsArray().SelectMany(scope => scope!["spans"]!.AsArray().Select(span => new ReceivedSpan(
                    service, (string)scope["scope"]?["name"]! ?? "", (string)span!["traceId"]!, (string)span["spanId"]!,
                    (string?)span["parentSpanId"], (string)span["name"]!, Attributes(span["attributes"]))));
            }),
        ];
    }

    static Dictionary<string, string?> Attributes(JsonNode? attributes) =>
        attributes?.AsArray().ToDictionary(a => (string)a!["key"]!, a => a!["value"]!.AsObject().Select(v => v.Value?.ToString()).FirstOrDefault())
        ?? [];

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string? ParentSpanId, string Name, IReadOnlyDictionary<string, string?> Attributes);
