using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Konomi.TasteModels.Embedding;

/// <summary>
/// Embeddings computed once per text and model, reused by every user's training and scoring: keyed by
/// SHA-256 of model id and text, held in memory and, when a folder is configured, on disk as float32 after a header
/// that says how many. Memory holds at most <paramref name="maxEntries"/> vectors (MemoryCache evicts the least recently
/// used when full), so a long-running service does not grow with every work it has ever seen.
/// The disk is a cache, never a source of failure: a file cut short (a power cut before the disk had it, a full disk),
/// of an earlier format or unreadable is computed again and rewritten, and a file the disk cannot take is not kept. Read
/// as it was, a short vector failed every training and scoring of every user whose labels or batch held that work.
/// The first file the disk refuses is a warning (an operator wants to know the folder is not caching); later ones are
/// Debug, since every new text would repeat it.
/// </summary>
public sealed partial class EmbeddingCache(string? directory, int maxEntries = EmbeddingCache.DefaultMaxEntries, ILogger? logger = null) : IDisposable
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private int _refusedWrites;

    /// <summary>About 30 MB of 384-float MiniLM vectors.</summary>
    public const int DefaultMaxEntries = 20_000;

    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = maxEntries });

    /// <summary>Vectors held in memory now.</summary>
    public int Count => _memory.Count;

    public IReadOnlyList<float[]> GetOrCompute(string modelId, IReadOnlyList<string> texts, Func<IReadOnlyList<string>, IReadOnlyList<float[]>> compute)
    {
        var keys = texts.Select(t => Key(modelId, t)).ToArray();
        var vectors = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
            if (_memory.TryGetValue(keys[i], out float[]? cached) || TryDisk(keys[i], out cached)) vectors[i] = cached!;
            else missing.Add(i);

        // One computation per distinct missing text, even when a batch repeats it.
        var distinct = missing.GroupBy(i => keys[i]).Select(g => g.First()).ToArray();
        var fresh = new Dictionary<string, float[]>();
        if (distinct.Length > 0)
        {
            var computed = compute(distinct.Select(i => texts[i]).ToArray());
            for (var k = 0; k < distinct.Length; k++) fresh[keys[distinct[k]]] = Store(keys[distinct[k]], computed[k]);
        }
        foreach (var i in missing) vectors[i] = fresh[keys[i]];
        return vectors;
    }

    public void Dispose() => _memory.Dispose();

    private void Remember(string key, float[] vector) => _memory.Set(key, vector, new MemoryCacheEntryOptions { Size = 1 });

    /// <summary>"KEV1" and the vector's length, before its floats.</summary>
    private const int Magic = 0x3156454B, HeaderBytes = 8;

    private float[] Store(string key, float[] vector)
    {
        Remember(key, vector);
        if (directory is null) return vector;
        var path = Path.Combine(directory, key + ".f32");
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";   // users score in parallel: two may store one text at once
        try
        {
            Directory.CreateDirectory(directory);
            var bytes = new byte[HeaderBytes + vector.Length * sizeof(float)];
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), Magic);
            BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), vector.Length);
            MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(bytes.AsSpan(HeaderBytes));
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full or read-only disk: the vector is in memory, and computed again after a restart.
            if (Interlocked.Increment(ref _refusedWrites) == 1) LogFirstRefusal(_logger, directory, e.Message);
            else LogRefusal(_logger, directory, e.Message);
            try { File.Delete(temporary); } catch (Exception again) when (again is IOException or UnauthorizedAccessException) { }
        }
        return vector;
    }

    private bool TryDisk(string key, out float[] vector)
    {
        vector = [];
        if (directory is null) return false;
        var path = Path.Combine(directory, key + ".f32");
        byte[] bytes;
        try
        {
            if (!File.Exists(path)) return false;
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        if (bytes.Length < HeaderBytes || BitConverter.ToInt32(bytes, 0) != Magic
            || BitConverter.ToInt32(bytes, 4) is var floats && (floats <= 0 || bytes.Length != HeaderBytes + (long)floats * sizeof(float)))
            return false;
        vector = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(HeaderBytes)).ToArray();
        Remember(key, vector);
        return true;
    }

    private static string Key(string modelId, string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(modelId + "\n" + text)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedding cache folder {Directory} cannot take a file ({Reason}): embeddings are kept in memory only and computed again after a restart; further refusals are logged at Debug")]
    static partial void LogFirstRefusal(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The embedding cache folder {Directory} cannot take a file ({Reason})")]
    static partial void LogRefusal(ILogger logger, string directory, string reason);
}
