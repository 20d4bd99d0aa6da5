using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Konomi.Testing;

/// <summary>
/// A Konomi service host running as its own OS process, configured through environment variables the
/// way production configures it. Its output is kept for failure messages.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>
    /// Launches on a fresh port when the last one was taken: <see cref="FreePort"/> releases its port before the process
    /// binds it, and anything on the machine (another test's client socket, say) can take it in between.
    /// </summary>
    const int BindAttempts = 3;

    readonly string _dll;
    readonly Func<int, string[]> _args;
    readonly Func<int, IDictionary<string, string?>> _environment;
    readonly string _workingDirectory;
    readonly List<string> _output = [];
    readonly List<string> _errors = [];
    Process _process;
    int _launchedAtLine;

    ServiceProcess(string service, string dll, Func<int, string[]> args, Func<int, IDictionary<string, string?>> environment, string? workingDirectory)
    {
        Service = service;
        (_dll, _args, _environment) = (dll, args, environment);
        _workingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!;
        Launch();
    }

    public string Service { get; }
    public Uri BaseAddress { get; private set; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    /// <summary>What the process wrote to stderr alone, a line each (also in <see cref="Output"/>).</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (_output) return [.. _errors]; }
    }

    /// <summary>Starts <c>services/{service}/Konomi.{Service}.Host</c>, or for <c>web</c> <c>web/Konomi.Web.Host</c>, as built for this test run.</summary>
    public static ServiceProcess Start(string service, IDictionary<string, string?> environment)
    {
        var pascal = char.ToUpperInvariant(service[0]) + service[1..];
        var folder = service == "web" ? Path.Combine(Repository.Root, "web") : Path.Combine(Repository.Root, "services", service);
        var dll = Path.Combine(folder, $"Konomi.{pascal}.Host", "bin", Repository.Configuration, "net10.0", $"konomi-{service}.dll");
        return Checked(service, dll, port => ["--urls", $"http://127.0.0.1:{port}"], _ => environment);
    }

    /// <summary>
    /// Starts the <c>konomi</c> command (e.g. <c>run</c>) as built for this test run, its private listener on a free port; in
    /// <paramref name="workingDirectory"/> (where it reads appsettings.json) when given.
    /// </summary>
    /// <summary><c>konomi</c> listening where <c>ASPNETCORE_URLS</c> says, or, with <paramref name="portOption"/>, where <c>--port</c> does.</summary>
    public static ServiceProcess StartKonomi(IEnumerable<string> args, IDictionary<string, string?> environment, string? workingDirectory = null, bool portOption = false) =>
        Checked("konomi", Path.Combine(Repository.Root, "cli", "Konomi.Cli", "bin", Repository.Configuration, "net10.0", "konomi.dll"),
            port => portOption ? [.. args, "--port", $"{port}"] : [.. args],
            port => portOption ? new Dictionary<string, string?>(environment) : new Dictionary<string, string?>(environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" },
            workingDirectory);

    static ServiceProcess Checked(string service, string dll, Func<int, string[]> args, Func<int, IDictionary<string, string?>> environment,
        string? workingDirectory = null) =>
        File.Exists(dll) ? new ServiceProcess(service, dll, args, environment, workingDirectory) : throw new FileNotFoundException($"Build the solution first: {dll} is missing.");

    [MemberNotNull(nameof(_process), nameof(BaseAddress))]
    void Launch()
    {
        lock (_output) _launchedAtLine = _output.Count;
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [_dll, .. _args(port)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _workingDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in _environment(port))
            start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Service}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, error: true);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>
    /// Waits until <c>/health/ready</c> answers 200 (bus connected, store reachable). A process that exited because its
    /// port was taken is launched again on another (<see cref="BindAttempts"/>); any other exit is a failure.
    /// </summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var attempt = 1; ; attempt++)
        {
            using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            while (DateTime.UtcNow < deadline && !HasExited)
            {
                try
                {
                    using var response = await http.GetAsync("health/ready", ct);
                    if (response.IsSuccessStatusCode) return;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
                await Task.Delay(200, ct);
            }
            if (!HasExited)
                throw new TimeoutException($"{Service} was not ready within {timeout}:\n{Output}");
            // Its last lines first: the next launch looks only at its own output.
            await _process.WaitForExitAsync(ct);
            if (attempt == BindAttempts || !PortWasTaken())
                throw new InvalidOperationException($"{Service} exited with {ExitCode} before it was ready:\n{Output}");
            Append($"--- {Service}: {BaseAddress} was taken; launching again on another port");
            _process.Dispose();
            Launch();
        }
    }

    bool PortWasTaken()
    {
        lock (_output) return _output.Skip(_launchedAtLine).Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Waits for the process to end on its own; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{Service} was still running after {timeout}:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as Kubernetes and docker stop send; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        _process.Terminate();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no shutdown, no acknowledgements.</summary>
    public void Crash()
    {
        if (!HasExited) _process.Kill();
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    void Append(string? line, bool error = false)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Add(line);
            if (error) _errors.Add(line);
        }
    }
}
