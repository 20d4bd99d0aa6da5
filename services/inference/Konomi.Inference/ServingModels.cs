using System.Collections.Concurrent;
using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;

namespace Konomi.Inference;

/// <summary>
/// Each user's serving model, loaded once per version. The registry is asked which version serves on
/// every lookup (once per user per batch), so a promotion or a rollback takes effect on the next batch
/// without a restart. The user's liked works are read with it: a new version follows new labels anyway.
/// </summary>
public sealed class ServingModels(
    ITasteModelRegistry registry, TasteModelFamilies families, ILabelStore labels, IWorkStore works, TasteInputBuilder inputs)
{
    readonly ConcurrentDictionary<string, ServingModel> _loaded = new();

    public async Task<ServingModel?> FindAsync(string userId, CancellationToken ct)
    {
        var serving = await registry.FindServingAsync(userId, ct);
        if (serving is null)
        {
            _loaded.TryRemove(userId, out _);
            return null;
        }
        if (_loaded.TryGetValue(userId, out var loaded) && loaded.Version == serving.Version)
            return loaded;

        var bytes = await LoadBytesAsync(serving, ct);
        var model = new ServingModel(userId, serving.Version, serving.Family, Load(serving, bytes), await LikedAsync(userId, ct),
            // Versions trained before calibration existed show their raw scores.
            serving.Metrics.Calibration ?? ScoreCalibration.Identity);
        _loaded[userId] = model;
        return model;
    }

    async Task<byte[]> LoadBytesAsync(TasteModelVersion serving, CancellationToken ct)
    {
        try
        {
            return await registry.LoadBytesAsync(serving.UserId, serving.Version, ct);
        }
        catch (TasteModelNotFoundException e)
        {
            throw new UnloadableModelException(serving.UserId, serving.Version, serving.Family, e);
        }
    }

    // Store failures are not caught here: they are transient and the whole batch is retried for them.
    ITasteModel Load(TasteModelVersion serving, byte[] bytes)
    {
        try
        {
            return families.Load(serving.Family, bytes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UnloadableModelException(serving.UserId, serving.Version, serving.Family, e);
        }
    }

    async Task<LikedNeighbours> LikedAsync(string userId, CancellationToken ct)
    {
        var liked = (await labels.ListAsync(userId, ct)).Where(l => l.Interested).Select(l => l.WorkId);
        return new LikedNeighbours(inputs, [.. (await works.FindManyAsync(liked, ct)).Values]);
    }
}
