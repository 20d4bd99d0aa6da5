using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using Konomi.TasteModels.Ngram;
using Konomi.Testing;
using Microsoft.Extensions.Options;

namespace Konomi.Labelling.Tests;

/// <summary>Real <c>ngram</c> models trained on the sample works, where the user likes the soothing ones.</summary>
public static class SampleModel
{
    public static readonly TasteInputBuilder Inputs = new(Options.Create(new TasteInputOptions()));
    public static readonly ITasteModelFamily Ngram = new NgramFamily(Options.Create(new NgramOptions()));

    public static ITasteModel Train(IEnumerable<int> numbers, CancellationToken ct) =>
        Ngram.Train([.. numbers.Select(i => new Example(Inputs.Build(SampleWorks.Create(i)), SampleWorks.IsSoothing(i)))], ct);

    public static async Task ServeAsync(ITasteModelRegistry registry, string userId, CancellationToken ct)
    {
        var model = Train(Enumerable.Range(0, 40), ct);
        var metrics = new ModelMetrics(40, 20, 5, 1, 1, 1, 1, 1, 1, model.Threshold);
        var version = await registry.RegisterAsync(new TasteModelDraft(userId, model.Family, metrics, model.Serialize()), ct);
        await registry.PromoteAsync(userId, version.Version, "test", ct);
    }
}
