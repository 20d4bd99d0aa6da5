using Konomi.Storage.Ports;

namespace Konomi.Trainer;

/// <summary>A person overriding the promotion gate: promote any version, or roll back to the one that served before.</summary>
public sealed class ServingOverride(ITasteModelRegistry registry)
{
    // One change at a time in this process: a double-clicked Roll back must see the first one's outcome.
    readonly SemaphoreSlim _changing = new(1, 1);

    public async Task<TasteModelVersion> PromoteAsync(string userId, int version, CancellationToken ct)
    {
        await _changing.WaitAsync(ct);
        try
        {
            var found = await registry.FindAsync(userId, version, ct)
                ?? throw new ServingOverrideException($"{userId} has no model version {version}.");
            if (found.Status == TasteModelStatus.Serving)
                throw new ServingOverrideException($"{userId} v{version} is already serving.");
            await registry.PromoteAsync(userId, version, "promoted by hand", ct);
            return found;
        }
        finally { _changing.Release(); }
    }

    /// <summary>
    /// Serves the newest version that served before the current one and rejects the current one, so a
    /// second rollback goes one further back instead of bouncing between two versions. With
    /// <paramref name="from"/> (the version the person saw serving) it rolls back only while that version serves, so
    /// the same request sent twice goes back once.
    /// </summary>
    public async Task<TasteModelVersion> RollbackAsync(string userId, CancellationToken ct, int? from = null)
    {
        await _changing.WaitAsync(ct);
        try
        {
            var versions = await registry.ListAsync(userId, ct);
            var serving = versions.FirstOrDefault(v => v.Status == TasteModelStatus.Serving)
                ?? throw new ServingOverrideException($"{userId} has no serving model to roll back.");
            if (from is { } seen && seen != serving.Version)
                throw new ServingOverrideException($"v{seen} no longer serves (v{serving.Version} does): nothing rolled back.");
            var previous = versions
                .Where(v => v.Status == TasteModelStatus.Retired && v.Version < serving.Version)
                .MaxBy(v => v.Version)
                ?? throw new ServingOverrideException($"{userId} has no earlier version that served before v{serving.Version}.");
            // Only while what the person rolls back from still serves: a promotion from another process (the trainer)
            // landing meanwhile is theirs to see first, not to be retired unseen.
            if (!await registry.PromoteIfServingAsync(userId, previous.Version, $"rolled back from v{serving.Version} by hand", serving.Version, ct))
                throw new ServingOverrideException($"v{serving.Version} stopped serving meanwhile (another promotion came first): nothing rolled back.");
            await registry.RejectAsync(userId, serving.Version, $"rolled back to v{previous.Version} by hand", ct);
            return previous;
        }
        finally { _changing.Release(); }
    }
}
