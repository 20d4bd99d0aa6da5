using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using Microsoft.Extensions.Options;

namespace Konomi.Inference;

/// <summary>
/// Each user's serving model, loaded once per version and held within <c>Inference:ServingModels:SizeLimitMb</c>.
/// The registry is asked which version serves on every lookup (once per user per batch), so a promotion or a
/// rollback takes effect on the next batch without a restart, held or not. The user's liked works are read with it:
/// a new version follows new labels anyway.
/// <para>
/// Past the limit a model is held only if room can be made by dropping models not used since its user was last
/// asked for; otherwise it serves this batch and is loaded again next time. Every batch asks for every active user
/// in turn, and plain least-recently-used would then drop exactly the model the next user needs (every lookup a
/// reload); this way the held models stay put and only the users beyond the limit reload, while a user who stopped
/// being asked for gives up their room to one who is asked for again.
/// </para>
/// </summary>
public sealed class ServingModels(
    ITasteModelRegistry registry, TasteModelFamilies families, ILabelStore labels, IWorkStore works, TasteInputBuilder inputs,
    IOptions<ServingModelsOptions> options)
{
    readonly long _limit = options.Value.SizeLimitBytes;
    readonly Lock _gate = new();
    // Guarded by _gate. "When" is the order of lookups, not a clock: only their order matters.
    readonly Dictionary<string, HeldModel> _held = [];
    readonly Dictionary<string, long> _lastAsked = [];
    long _lookups, _heldBytes, _loads;

    /// <summary>Models held now and their estimated bytes.</summary>
    public (int Models, long Bytes) Held
    {
        get { lock (_gate) return (_held.Count, _heldBytes); }
    }

    /// <summary>Models loaded from the registry so far: a first lookup, a new version, or one not held for room.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    public async Task<ServingModel?> FindAsync(string userId, CancellationToken ct)
    {
        var serving = await registry.FindServingAsync(userId, ct);
        long now, askedBefore;
        lock (_gate)
        {
            now = ++_lookups;
            askedBefore = _lastAsked.GetValueOrDefault(userId);
            _lastAsked[userId] = now;
            if (serving is null)
                Drop(userId);
            else if (_held.TryGetValue(userId, out var held) && held.Model.Version == serving.Version)
            {
                _held[userId] = held with { LastUsed = now };
                return held.Model;
            }
        }
        if (serving is null) return null;

        Interlocked.Increment(ref _loads);
        var bytes = await LoadBytesAsync(serving, ct);
        var (model, modelBytes) = Load(serving, bytes);
        var liked = await LikedAsync(userId, ct);
        var loaded = new ServingModel(userId, serving.Version, serving.Family, model, liked,
            // Versions trained before calibration existed show their raw scores.
            serving.Metrics.Calibration ?? ScoreCalibration.Identity, modelBytes + liked.Bytes);
        lock (_gate)
        {
            // The version it replaces gives up its room first.
            Drop(userId);
            if (MakeRoom(loaded.Bytes, askedBefore))
            {
                _held[userId] = new HeldModel(loaded, now);
                _heldBytes += loaded.Bytes;
            }
        }
        return loaded;
    }

    /// <summary>Drops models not used since <paramref name="askedBefore"/>, least recently used first, until
    /// <paramref name="bytes"/> fit; false (nothing dropped) when they cannot, a model over the whole limit included.</summary>
    bool MakeRoom(long bytes, long askedBefore)
    {
        if (bytes > _limit) return false;
        var victims = new List<string>();
        var freed = 0L;
        foreach (var (user, held) in _held.OrderBy(h => h.Value.LastUsed))
        {
            if (_heldBytes - freed + bytes <= _limit) break;
            if (held.LastUsed > askedBefore) return false;
            victims.Add(user);
            freed += held.Model.Bytes;
        }
        foreach (var user in victims) Drop(user);
        return _heldBytes + bytes <= _limit;
    }

    void Drop(string userId)
    {
        if (_held.Remove(userId, out var held)) _heldBytes -= held.Model.Bytes;
    }

    readonly record struct HeldModel(ServingModel Model, long LastUsed);

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
}
