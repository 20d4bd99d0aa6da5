using System.Collections.Concurrent;

namespace Konomi.Crawler.DLsite;

/// <summary>
/// One request at a time per host, and at least the delay the next request names between the end of the
/// previous one and its start, however many callers share the client. The delay belongs to the next request,
/// so the first request after robots.txt already waits robots.txt's Crawl-delay.
/// </summary>
public sealed class HostPacer(TimeProvider time)
{
    readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.OrdinalIgnoreCase);

    public async Task<T> RunAsync<T>(string host, TimeSpan delay, Func<CancellationToken, Task<T>> request, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(host, _ => new Gate());
        await gate.Lock.WaitAsync(ct);
        try
        {
            if (gate.LastEnded is { } lastEnded && lastEnded + delay - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
                await Task.Delay(wait, time, ct);
            return await request(ct);
        }
        finally
        {
            gate.LastEnded = time.GetUtcNow();
            gate.Lock.Release();
        }
    }

    sealed class Gate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);
        public DateTimeOffset? LastEnded { get; set; }
    }
}
