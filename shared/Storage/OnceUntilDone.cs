namespace Konomi.Storage;

/// <summary>
/// Runs an idempotent set-up (schema, indexes) once for all callers; when it fails (the database was down
/// at start-up) the next caller tries again instead of the store staying broken until a restart.
/// </summary>
public sealed class OnceUntilDone(Func<Task> setUp)
{
    private readonly Lock _lock = new();
    private Task? _running;

    public async Task WaitAsync(CancellationToken ct)
    {
        Task running;
        lock (_lock) running = _running ??= setUp();
        try
        {
            await running.WaitAsync(ct);
        }
        catch when (running.IsFaulted)
        {
            lock (_lock) if (_running == running) _running = null;
            throw;
        }
    }
}
