using Konomi.TasteModels.Embedding;

namespace Konomi.TasteModels.Tests;

/// <summary>A model brought by path is the real all-MiniLM-L6-v2 written to disk with its vocab.txt, as a user would.</summary>
public sealed class ReferenceEmbeddingsTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("konomi-reference-").FullName;

    string ModelPath => Path.Combine(_folder, "model.onnx");

    public ReferenceEmbeddingsTests()
    {
        File.WriteAllBytes(ModelPath, MiniLm.ModelBytes());
        File.WriteAllBytes(Path.Combine(_folder, "vocab.txt"), MiniLm.VocabBytes());
    }

    EmbeddingOptions Brought(bool lowerCase = true) => new() { ModelPath = ModelPath, TokenizerPath = Path.Combine(_folder, "vocab.txt"), LowerCase = lowerCase };

    static void ShipBundledReference(string path)
    {
        using var bundled = typeof(ReferenceEmbeddings).Assembly.GetManifestResourceStream("Konomi.TasteModels.Embedding.all-MiniLM-L6-v2.reference.json")!;
        using var file = File.Create(path);
        bundled.CopyTo(file);
    }

    [Fact]
    public void The_bundled_model_reproduces_the_reference_shipped_with_it()
    {
        MiniLm.Family.Embed(["A man is eating food."])[0].Length.ShouldBe(384);
    }

    [Fact]
    public void A_brought_model_with_a_matching_reference_beside_it_loads()
    {
        ShipBundledReference(ModelPath + ReferenceEmbeddings.Suffix);

        MiniLm.Create(Brought()).Embed(["a quiet room"])[0].Length.ShouldBe(384);
    }

    [Fact]
    public void A_brought_model_whose_tokenizer_does_not_match_its_reference_is_refused_naming_the_difference()
    {
        ShipBundledReference(ModelPath + ReferenceEmbeddings.Suffix);

        // The uncased model read with a cased tokenizer: "A" is not in its vocabulary, so the vectors move.
        var error = Should.Throw<InvalidOperationException>(() => MiniLm.Create(Brought(lowerCase: false)).Embed(["a quiet room"]));

        error.Message.ShouldContain("fails its self-check");
        error.Message.ShouldContain("\"A man is eating food.\"");
        error.Message.ShouldContain("refusing to load it");
    }

    [Fact]
    public void A_brought_model_without_reference_embeddings_is_refused()
    {
        var error = Should.Throw<InvalidOperationException>(() => MiniLm.Create(Brought()).Embed(["a quiet room"]));

        error.Message.ShouldContain(ReferenceEmbeddings.Suffix + " is missing");
    }

    [Fact]
    public void A_damaged_brought_model_is_refused_naming_its_setting_and_path()
    {
        ShipBundledReference(ModelPath + ReferenceEmbeddings.Suffix);
        File.WriteAllBytes(ModelPath, MiniLm.ModelBytes()[..4096]);

        var error = Should.Throw<InvalidOperationException>(() => MiniLm.Create(Brought()).Embed(["a quiet room"]));

        error.Message.ShouldStartWith($"TasteModels:Embedding:ModelPath {ModelPath} cannot be used: ");
    }

    [Fact]
    public void A_damaged_reference_file_is_refused_naming_its_path()
    {
        File.WriteAllText(ModelPath + ReferenceEmbeddings.Suffix, "{\"texts\":");

        var error = Should.Throw<InvalidOperationException>(() => MiniLm.Create(Brought()).Embed(["a quiet room"]));

        error.Message.ShouldStartWith($"TasteModels:Embedding:ReferencePath {ModelPath}{ReferenceEmbeddings.Suffix} cannot be used: ");
    }

    [Fact]
    public void A_vocabulary_without_the_special_tokens_is_refused_naming_its_path()
    {
        ShipBundledReference(ModelPath + ReferenceEmbeddings.Suffix);
        File.WriteAllText(Path.Combine(_folder, "vocab.txt"), "a\nb\n");

        var error = Should.Throw<InvalidOperationException>(() => MiniLm.Create(Brought()).Embed(["a quiet room"]));

        error.Message.ShouldStartWith($"TasteModels:Embedding:TokenizerPath {Path.Combine(_folder, "vocab.txt")} cannot be used: ");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
