using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Konomi.TasteModels.Embedding;

/// <summary>
/// Embeddings computed once per text and model, reused by every user's training and scoring: keyed by
/// SHA-256 of model id and text, held in memory and, when a folder is configured, on disk as raw float32.
/// </summary>
public sealed class EmbeddingCache(string? directory)
{
    private readonly ConcurrentDictionary<string, float[]> _memory = new();

    public IReadOnlyList<float[]> GetOrCompute(string modelId, IReadOnlyList<string> texts, Func<IReadOnlyList<string>, IReadOnlyList<float[]>> compute)
    {
        var keys = texts.Select(t => Key(modelId, t)).ToArray();
        var vectors = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
            if (_memory.TryGetValue(keys[i], out var cached) || TryDisk(keys[i], out cached)) vectors[i] = cached;
            else missing.Add(i);

        // One computation per distinct missing text, even when a batch repeats it.
        var distinct = missing.GroupBy(i => keys[i]).Select(g => g.First()).ToArray();
        if (distinct.Length > 0)
        {
            var computed = compute(distinct.Select(i => texts[i]).ToArray());
            for (var k = 0; k < distinct.Length; k++) Store(keys[distinct[k]], computed[k]);
        }
        foreach (var i in missing) vectors[i] = _memory[keys[i]];
        return vectors;
    }

    private void Store(string key, float[] vector)
    {
        _memory[key] = vector;
        if (directory is null) return;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, key + ".f32");
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllBytes(temporary, MemoryMarshal.AsBytes(vector.AsSpan()).ToArray());
        File.Move(temporary, path, overwrite: true);
    }

    private bool TryDisk(string key, out float[] vector)
    {
        vector = [];
        if (directory is null) return false;
        var path = Path.Combine(directory, key + ".f32");
        if (!File.Exists(path)) return false;
        vector = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
        _memory[key] = vector;
        return true;
    }

    private static string Key(string modelId, string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(modelId + "\n" + text)));
}
