using Konomi.Storage.Ports;

namespace Konomi.Trainer;

/// <summary>A person overriding the promotion gate: promote any version, or roll back to the one that served before.</summary>
public sealed class ServingOverride(ITasteModelRegistry registry)
{
    public async Task<TasteModelVersion> PromoteAsync(string userId, int version, CancellationToken ct)
    {
        var found = await registry.FindAsync(userId, version, ct)
            ?? throw new ServingOverrideException($"{userId} has no model version {version}.");
        if (found.Status == TasteModelStatus.Serving)
            throw new ServingOverrideException($"{userId} v{version} is already serving.");
        await registry.PromoteAsync(userId, version, "promoted by hand", ct);
        return found;
    }

    /// <summary>
    /// Serves the newest version that served before the current one and rejects the current one, so a
    /// second rollback goes one further back instead of bouncing between two versions.
    /// </summary>
    public async Task<TasteModelVersion> RollbackAsync(string userId, CancellationToken ct)
    {
        var versions = await registry.ListAsync(userId, ct);
        var serving = versions.FirstOrDefault(v => v.Status == TasteModelStatus.Serving)
            ?? throw new ServingOverrideException($"{userId} has no serving model to roll back.");
        var previous = versions
            .Where(v => v.Status == TasteModelStatus.Retired && v.Version < serving.Version)
            .MaxBy(v => v.Version)
            ?? throw new ServingOverrideException($"{userId} has no earlier version that served before v{serving.Version}.");
        await registry.PromoteAsync(userId, previous.Version, $"rolled back from v{serving.Version} by hand", ct);
        await registry.RejectAsync(userId, serving.Version, $"rolled back to v{previous.Version} by hand", ct);
        return previous;
    }
}
