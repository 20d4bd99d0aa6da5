using Konomi.Settings;
using Konomi.TasteModels.Classifier;
using Konomi.TasteModels.Embedding;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Konomi.TasteModels.Stacked;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

/// <summary>
/// A <c>TasteModels</c> setting no training could use (a batch of 0 works, one inner fold) is refused when the options are
/// read (on start: every host validates its options then), naming its key, not when a training first meets it hours later.
/// </summary>
public sealed class SettingsOutOfRangeTests
{
    public static TheoryData<string, string, string> Refused => new()
    {
        { "Input:OpeningCharacters", "0", "TasteModels:Input:OpeningCharacters must be at least 1" },
        { "Ngram:MinN", "0", "TasteModels:Ngram:MinN must be at least 1" },
        { "Ngram:MaxN", "0", "TasteModels:Ngram:MaxN must be at least MinN (1)" },
        { "Ngram:MinDocuments", "0", "TasteModels:Ngram:MinDocuments must be at least 1" },
        { "Ngram:StopAtRelativeDecrease", "0", "TasteModels:Ngram:StopAtRelativeDecrease must be above 0 and at most 1" },
        { "Ngram:C:1", "0", "TasteModels:Ngram:C: every strength must be a number above 0" },
        { "Ngram:Threshold:InnerFolds", "1", "TasteModels:Ngram:Threshold:InnerFolds must be at least 2" },
        { "Ngram:Threshold:TargetRecall", "1.5", "TasteModels:Ngram:Threshold:TargetRecall must be above 0 and at most 1" },
        { "Ngram:Threshold:SureOfCut", "-0.1", "TasteModels:Ngram:Threshold:SureOfCut must be between 0 and 1" },
        { "Embedding:BatchSize", "0", "TasteModels:Embedding:BatchSize must be at least 1" },
        { "Embedding:MaxTokens", "1", "TasteModels:Embedding:MaxTokens must be at least 2" },
        { "Embedding:MaxUnknownTokenShare", "2", "TasteModels:Embedding:MaxUnknownTokenShare must be between 0 and 1" },
        { "Embedding:C:0", "-1", "TasteModels:Embedding:C: every strength must be a number above 0" },
        { "Embedding:Threshold:GuardedBelow", "-1", "TasteModels:Embedding:Threshold:GuardedBelow must not be negative" },
        { "Classifier:BatchSize", "0", "TasteModels:Classifier:BatchSize must be at least 1" },
        { "Classifier:Threshold:OutOfFoldScores", "-5", "TasteModels:Classifier:Threshold:OutOfFoldScores must not be negative" },
        { "Stacked:DenseWeights:1", "-0.5", "TasteModels:Stacked:DenseWeights: every weight must be a number, 0 or above" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_setting_out_of_range_is_refused_naming_its_key(string key, string value, string message)
    {
        using var provider = Services(new() { [$"{TasteModelOptions.Section}:{key}"] = value });

        var refused = Should.Throw<OptionsValidationException>(() => ReadAll(provider));

        SettingFailures.Describe(refused).ShouldBe(message);
    }

    [Fact]
    public void The_defaults_and_the_edges_of_each_range_pass()
    {
        using var provider = Services(new()
        {
            ["TasteModels:Ngram:MinN"] = "2", ["TasteModels:Ngram:MaxN"] = "2", ["TasteModels:Ngram:Reasons"] = "0",
            ["TasteModels:Ngram:Threshold:TargetRecall"] = "1", ["TasteModels:Ngram:Threshold:SureOfCut"] = "0",
            ["TasteModels:Embedding:MaxTokens"] = "2", ["TasteModels:Embedding:CacheEntries"] = "0",
            ["TasteModels:Classifier:PositiveClass"] = "0", ["TasteModels:Stacked:DenseWeights:0"] = "0",
        });

        Should.NotThrow(() => ReadAll(provider));
    }

    static void ReadAll(IServiceProvider provider)
    {
        _ = provider.GetRequiredService<IOptions<TasteInputOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<NgramOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<ClassifierOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<StackedOptions>>().Value;
    }

    static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddTasteModels();
        return services.BuildServiceProvider();
    }
}
