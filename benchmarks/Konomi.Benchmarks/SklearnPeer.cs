using System.Diagnostics;
using System.Text.Json;

namespace Konomi.Benchmarks;

/// <summary>Runs benchmarks/peer/sklearn_peer.py with Debian's /usr/bin/python3 on the task files Konomi uses.</summary>
public sealed class SklearnPeer(string script, string python = "/usr/bin/python3")
{
    public async Task<IReadOnlyList<PeerResult>> RunAsync(IReadOnlyList<(string Setting, string CsvPath)> files, CancellationToken ct)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var (setting, path) in files)
        {
            start.ArgumentList.Add(setting);
            start.ArgumentList.Add(path);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the scikit-learn peer failed (exit {process.ExitCode}): {await stderr}\n(install it with: apt-get install -y python3-sklearn)");
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<PeerResult>(line) ?? throw new InvalidDataException($"peer printed '{line}'"))
            .ToArray();
    }
}
