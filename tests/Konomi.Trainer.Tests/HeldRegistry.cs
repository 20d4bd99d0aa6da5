using Konomi.Storage.Ports;

namespace Konomi.Trainer.Tests;

/// <summary>
/// A trainer's view of the shared registry whose first call of <paramref name="heldCall"/> (a method's name) waits
/// for <paramref name="release"/>: a trainer paused there (a slow fit, a store away) while another one goes on.
/// </summary>
sealed class HeldRegistry(ITasteModelRegistry inner, string heldCall, Task release) : ITasteModelRegistry
{
    int _held;

    /// <summary>Completes when the held call was made.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    async Task HoldAsync(string call)
    {
        if (call != heldCall || Interlocked.Exchange(ref _held, 1) == 1) return;
        Reached.SetResult();
        await release;
    }

    public async Task<TasteModelVersion?> FindServingAsync(string userId, CancellationToken ct = default)
    {
        await HoldAsync(nameof(FindServingAsync));
        return await inner.FindServingAsync(userId, ct);
    }

    public async Task<byte[]> LoadBytesAsync(string userId, int version, CancellationToken ct = default)
    {
        await HoldAsync(nameof(LoadBytesAsync));
        return await inner.LoadBytesAsync(userId, version, ct);
    }

    public Task<TasteModelVersion> RegisterAsync(TasteModelDraft draft, CancellationToken ct = default) => inner.RegisterAsync(draft, ct);

    public Task<TasteModelVersion?> FindAsync(string userId, int version, CancellationToken ct = default) => inner.FindAsync(userId, version, ct);

    // Held after the read: a caller deciding on what it read while others change the registry.
    public async Task<IReadOnlyList<TasteModelVersion>> ListAsync(string userId, CancellationToken ct = default)
    {
        var versions = await inner.ListAsync(userId, ct);
        await HoldAsync(nameof(ListAsync));
        return versions;
    }

    public Task PromoteAsync(string userId, int version, string reason, CancellationToken ct = default) => inner.PromoteAsync(userId, version, reason, ct);

    public Task<bool> PromoteIfServingAsync(string userId, int version, string reason, int? serving, CancellationToken ct = default) =>
        inner.PromoteIfServingAsync(userId, version, reason, serving, ct);

    public Task RejectAsync(string userId, int version, string reason, CancellationToken ct = default) => inner.RejectAsync(userId, version, reason, ct);
}
