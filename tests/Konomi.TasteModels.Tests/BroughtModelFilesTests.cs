using Konomi.Settings;
using Konomi.TasteModels.Classifier;
using Konomi.TasteModels.Embedding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

/// <summary>
/// The files a person brings for the embedding and classifier families are checked when the options are first read (on
/// start: every host validates its options then), not when a training or a batch first loads them hours later.
/// </summary>
public sealed class BroughtModelFilesTests : IDisposable
{
    // Files that are there; anything else named below is not.
    readonly string _folder = Directory.CreateTempSubdirectory("konomi-brought-").FullName;

    public BroughtModelFilesTests()
    {
        foreach (var file in new[] { "model.onnx", "model.onnx.reference.json", "vocab.txt", "classifier.onnx" })
            File.WriteAllText(Path.Combine(_folder, file), "x");
        Directory.CreateDirectory(Path.Combine(_folder, "models"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string> Refused => new()
    {
        { "Embedding:ModelPath=gone.onnx;Embedding:TokenizerPath=vocab.txt", "TasteModels:Embedding:ModelPath: file '{dir}/gone.onnx' does not exist" },
        { "Embedding:ModelPath=model.onnx;Embedding:TokenizerPath=gone.txt", "TasteModels:Embedding:TokenizerPath: file '{dir}/gone.txt' does not exist" },
        { "Embedding:ModelPath=model.onnx;Embedding:TokenizerPath=vocab.txt;Embedding:ReferencePath=gone.json", "TasteModels:Embedding:ReferencePath: file '{dir}/gone.json' does not exist" },
        { "Embedding:ModelPath=classifier.onnx;Embedding:TokenizerPath=vocab.txt", "{dir}/classifier.onnx.reference.json is missing: a model brought by path loads only with reference embeddings beside it" },
        { "Embedding:ModelPath=model.onnx", "TasteModels:Embedding:ModelPath is set but TokenizerPath is not: give the model's vocab.txt or SentencePiece .model." },
        { "Embedding:TokenizerPath=models", "TasteModels:Embedding:TokenizerPath: '{dir}/models' is a folder, not a file" },
        { "Classifier:ModelPath=gone.onnx;Classifier:TokenizerPath=vocab.txt", "TasteModels:Classifier:ModelPath: file '{dir}/gone.onnx' does not exist" },
        { "Classifier:TokenizerPath=vocab.txt", "The classifier family needs TasteModels:Classifier:ModelPath and TokenizerPath." },
        { "Family=classifier", "The classifier family needs TasteModels:Classifier:ModelPath and TokenizerPath." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_brought_file_that_cannot_be_read_is_refused_when_the_options_are_read_naming_its_setting(string settings, string message)
    {
        using var provider = Services(settings);

        var refused = Should.Throw<OptionsValidationException>(() => Read(provider));

        SettingFailures.Describe(refused).ShouldStartWith(message.Replace("{dir}", _folder));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Embedding:ModelPath=model.onnx;Embedding:TokenizerPath=vocab.txt")]
    [InlineData("Embedding:ModelPath=model.onnx;Embedding:TokenizerPath=vocab.txt;Embedding:ReferencePath=model.onnx.reference.json")]
    [InlineData("Family=classifier;Classifier:ModelPath=classifier.onnx;Classifier:TokenizerPath=vocab.txt")]
    // Blank is unset, as a blank environment variable leaves it: the bundled encoder, no classifier.
    [InlineData("Embedding:ModelPath= ;Embedding:TokenizerPath=;Classifier:ModelPath=")]
    public void Files_that_are_there_and_paths_left_unset_pass(string settings)
    {
        using var provider = Services(settings);

        Should.NotThrow(() => Read(provider));
    }

    [Fact]
    public void A_relative_path_is_refused_saying_where_it_was_looked_for()
    {
        using var provider = Services("Embedding:TokenizerPath=no-such-vocab.txt", absolute: false);

        var refused = Should.Throw<OptionsValidationException>(() => Read(provider));

        SettingFailures.Describe(refused).ShouldBe(
            $"TasteModels:Embedding:TokenizerPath: file 'no-such-vocab.txt' (relative to {Directory.GetCurrentDirectory()}) does not exist");
    }

    static void Read(IServiceProvider provider)
    {
        _ = provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<ClassifierOptions>>().Value;
    }

    /// <summary>The <c>TasteModels</c> settings <c>Key=value;…</c>, each path under this test's folder unless left relative.</summary>
    ServiceProvider Services(string settings, bool absolute = true)
    {
        var values = settings.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split('=', 2)).ToDictionary(
            kv => $"{TasteModelOptions.Section}:{kv[0]}",
            kv => absolute && kv[0].EndsWith("Path", StringComparison.Ordinal) && kv[1].Trim().Length > 0 ? Path.Combine(_folder, kv[1]) : kv[1]);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values!).Build());
        services.AddLogging();
        services.AddTasteModels();
        return services.BuildServiceProvider();
    }
}
