using Konomi.Settings;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

public class TasteModelFamiliesTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddTasteModels();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Every_family_is_registered_by_name_and_the_default_comes_from_configuration()
    {
        using var provider = Services(new() { ["TasteModels:Family"] = "embedding" });
        var families = provider.GetRequiredService<TasteModelFamilies>();

        families.Names.ShouldBe(["ngram", "embedding", "stacked", "classifier"], ignoreOrder: true);
        families.Default.Name.ShouldBe("embedding");
        Should.Throw<ArgumentException>(() => families.Get("bert")).Message.ShouldContain("known: ngram, embedding, stacked, classifier");
    }

    [Theory]
    [InlineData("bert", "TasteModels:Family: 'bert' is not a taste model family (one of classifier, embedding, ngram, stacked)")]
    [InlineData("Ngrm", "TasteModels:Family: 'Ngrm' is not a taste model family (one of classifier, embedding, ngram, stacked); did you mean ngram?")]
    public void A_family_no_one_registered_stops_the_start_naming_the_ones_there_are(string family, string message)
    {
        using var provider = Services(new() { ["TasteModels:Family"] = family });

        var refused = Should.Throw<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        SettingFailures.Describe(refused).ShouldBe(message);
    }

    [Theory]
    [InlineData("ngram")]
    [InlineData("Stacked")]
    public void A_registered_family_in_any_case_passes_the_start(string family)
    {
        using var provider = Services(new() { ["TasteModels:Family"] = family });

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void The_stacked_family_embeds_through_the_one_registered_embedding_family_and_its_cache()
    {
        using var provider = Services([]);

        var registered = provider.GetRequiredService<TasteModelFamilies>().Get("embedding");

        provider.GetRequiredService<Embedding.EmbeddingFamily>().ShouldBeSameAs(registered);
    }

    [Fact]
    public void Options_bind_from_the_TasteModels_section()
    {
        using var provider = Services(new()
        {
            ["TasteModels:Ngram:MaxN"] = "3",
            ["TasteModels:Ngram:Threshold:TargetRecall"] = "0.95",
            ["TasteModels:Input:Description"] = "Whole",
            ["TasteModels:Stacked:DenseWeights:0"] = "1",
        });

        var ngram = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<NgramOptions>>().Value;
        ngram.MaxN.ShouldBe(3);
        ngram.Threshold.TargetRecall.ShouldBe(0.95);
        provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TasteInputOptions>>().Value.Description.ShouldBe(DescriptionSelection.Whole);
        provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Konomi.TasteModels.Stacked.StackedOptions>>().Value.DenseWeights.ShouldBe([1.0]);
    }

    [Fact]
    public void A_saved_model_loads_through_the_registry_by_its_family()
    {
        using var provider = Services([]);
        var families = provider.GetRequiredService<TasteModelFamilies>();
        var model = families.Default.Train(NgramFamilyTests.ToyExamples(), TestContext.Current.CancellationToken);

        var loaded = families.Load(model.Family, model.Serialize());

        loaded.Threshold.ShouldBe(model.Threshold);
    }
}
