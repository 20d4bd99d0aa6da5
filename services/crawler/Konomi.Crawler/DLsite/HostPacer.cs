using System.Collections.Concurrent;

namespace Konomi.Crawler.DLsite;

/// <summary>
/// One request at a time per host, and at least the host's delay between the end of one request and
/// the start of the next, however many callers share the client.
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
            var wait = gate.NextAllowed - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
            return await request(ct);
        }
        finally
        {
            gate.NextAllowed = time.GetUtcNow() + delay;
            gate.Lock.Release();
        }
    }

    sealed class Gate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);
        public DateTimeOffset NextAllowed { get; set; }
    }
}
