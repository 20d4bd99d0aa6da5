using System.Diagnostics;
using System.Net.Sockets;

namespace Konomi.Testing;

/// <summary>
/// A MongoDB-wire test server of one test's own (the binary <c>tests/infra.sh</c> installed), so the test can
/// make the store unreachable without disturbing anyone else. <see cref="Freeze"/> stops the process (SIGSTOP):
/// connections hang and time out as with a failing-over primary; <see cref="Thaw"/> resumes it with its data.
/// </summary>
public sealed class PrivateMongoWire : IDisposable
{
    readonly Process _process;

    PrivateMongoWire(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string that notices an unreachable server within a second, as a failover test wants.</summary>
    public string ConnectionString(string database) =>
        $"mongodb://127.0.0.1:{Port}/{database}?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000&socketTimeoutMS=1000";

    public static async Task<PrivateMongoWire> StartAsync(CancellationToken ct)
    {
        var modules = Environment.GetEnvironmentVariable("KONOMI_NODE_MODULES")
            ?? throw new InvalidOperationException("KONOMI_NODE_MODULES is not set: run `source tests/infra.sh`, which installs the MongoDB-wire server.");
        var binary = Directory.EnumerateFiles(Path.Combine(modules, "@jongodb"), "jongodb*", SearchOption.AllDirectories)
            .First(f => !OperatingSystem.IsWindows() && (File.GetUnixFileMode(f) & UnixFileMode.UserExecute) != 0);
        var port = FreePort.Next();
        var process = Process.Start(new ProcessStartInfo(binary, [$"--host=127.0.0.1", $"--port={port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrivateMongoWire(process, port);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, ct);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100, ct);
            }
        }
        server.Dispose();
        throw new InvalidOperationException($"The MongoDB-wire server did not listen on {port}.");
    }

    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString()])!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{name} {_process.Id} failed.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal("CONT");
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
