using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;

namespace Konomi.Inference;

/// <summary>
/// Each user's serving model, loaded once per version and held within <c>Inference:ServingModels:SizeLimitMb</c>:
/// past it the least recently used model is dropped and loaded again from the registry when its user is next
/// scored. The registry is asked which version serves on every lookup (once per user per batch), so a promotion
/// or a rollback takes effect on the next batch without a restart, held or not. The user's liked works are read
/// with it: a new version follows new labels anyway.
/// </summary>
public sealed class ServingModels(
    ITasteModelRegistry registry, TasteModelFamilies families, ILabelStore labels, IWorkStore works, TasteInputBuilder inputs,
    IOptions<ServingModelsOptions> options, TimeProvider time) : IDisposable
{
    readonly long _limit = options.Value.SizeLimitBytes;
    readonly MemoryCache _held = new(new MemoryCacheOptions
    {
        SizeLimit = options.Value.SizeLimitBytes,
        TrackStatistics = true,
        Clock = new TimeProviderClock(time),
    });
    readonly Lock _room = new();
    long _loads;

    /// <summary>Models held now and their estimated bytes.</summary>
    public (int Models, long Bytes) Held => (_held.Count, _held.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0);

    /// <summary>Models loaded from the registry so far: a first lookup, a new version, or one dropped for room.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    public async Task<ServingModel?> FindAsync(string userId, CancellationToken ct)
    {
        var serving = await registry.FindServingAsync(userId, ct);
        if (serving is null)
        {
            _held.Remove(userId);
            return null;
        }
        if (_held.TryGetValue(userId, out ServingModel? held) && held!.Version == serving.Version)
            return held;

        Interlocked.Increment(ref _loads);
        var bytes = await LoadBytesAsync(serving, ct);
        var (model, modelBytes) = Load(serving, bytes);
        var liked = await LikedAsync(userId, ct);
        var loaded = new ServingModel(userId, serving.Version, serving.Family, model, liked,
            // Versions trained before calibration existed show their raw scores.
            serving.Metrics.Calibration ?? ScoreCalibration.Identity, modelBytes + liked.Bytes);
        Hold(loaded);
        return loaded;
    }

    void Hold(ServingModel model)
    {
        lock (_room)
        {
            // The version it replaces gives up its room first.
            _held.Remove(model.UserId);
            // One model over the whole limit is served this once and never held.
            if (model.Bytes > _limit) return;
            // MemoryCache refuses an entry that does not fit and trims later on another thread; trimming here first,
            // least recently used first, keeps the model just loaded and makes room before this batch goes on.
            // Compact counts entries, not bytes: each call drops the one least recently used.
            while (_held.Count > 0 && Held.Bytes + model.Bytes > _limit)
                _held.Compact(Math.Min(1, 1.5 / _held.Count));
            _held.Set(model.UserId, model, new MemoryCacheEntryOptions { Size = model.Bytes });
        }
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
    // What loading allocates is the model's estimated size: it needs nothing from the family, and the few
    // temporaries of reading it count too, which errs on the side of the limit.
    (ITasteModel Model, long Bytes) Load(TasteModelVersion serving, byte[] bytes)
    {
        try
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var model = families.Load(serving.Family, bytes);
            return (model, GC.GetAllocatedBytesForCurrentThread() - before);
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

    public void Dispose() => _held.Dispose();

    /// <summary>"Least recently used" on the host's clock, so a fake clock orders it in tests.</summary>
    sealed class TimeProviderClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
