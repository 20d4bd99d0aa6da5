using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Konomi.Testing;
using Microsoft.Extensions.Options;

namespace Konomi.Inference.Tests;

/// <summary>Trains real <c>ngram</c> models on the sample works and registers them, as the trainer would.</summary>
public static class TasteModelSeed
{
    static readonly TasteInputBuilder Inputs = new(Options.Create(new TasteInputOptions()));
    static readonly ITasteModelFamily Ngram = new NgramFamily(Options.Create(new NgramOptions()));

    /// <summary>A serving model that likes what <paramref name="likes"/> says, trained on 40 sample works.</summary>
    public static async Task<TasteModelVersion> ServeAsync(ITasteModelRegistry registry, string userId, Func<int, bool> likes, CancellationToken ct)
    {
        var examples = Enumerable.Range(0, 40).Select(i => new Example(Inputs.Build(SampleWorks.Create(i)), likes(i))).ToList();
        var model = Ngram.Train(examples, ct);
        var metrics = new ModelMetrics(40, examples.Count(e => e.Liked), 5, 1, 1, 1, 1, 1, 1, model.Threshold);
        var version = await registry.RegisterAsync(new TasteModelDraft(userId, model.Family, metrics, model.Serialize()), ct);
        await registry.PromoteAsync(userId, version.Version, "test", ct);
        return version;
    }
}
