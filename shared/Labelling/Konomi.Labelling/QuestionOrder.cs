using Konomi.Contracts;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;
using Microsoft.Extensions.Options;

namespace Konomi.Labelling;

/// <summary>
/// The annotator's order of questions: a first screen of <see cref="LabellingOptions.FirstScreen"/> works spread over
/// the pool's circles, voice actors and genres (<see cref="FacetSpread"/>, none by default), then pool order; with
/// <see cref="LabellingOptions.ActiveLearning"/> on, once the user has answered the first screen and
/// <see cref="LabellingOptions.ActiveLearningMinLabels"/> labels with both answers, uncertainty sampling with a model
/// of the configured family trained on those labels.
/// </summary>
public sealed class QuestionOrder(TasteModelFamilies families, TasteInputBuilder inputs, IOptions<LabellingOptions> options)
{
    public ITasteModel? Train(IReadOnlyList<(Work Work, bool Liked)> labelled, CancellationToken ct)
    {
        // The first screen is asked in full before uncertainty sampling takes over.
        var start = Math.Max(options.Value.ActiveLearningMinLabels, options.Value.FirstScreen);
        if (!options.Value.ActiveLearning || labelled.Count < start || labelled.All(l => l.Liked) || labelled.All(l => !l.Liked))
            return null;
        return families.Default.Train([.. labelled.Select(l => new Example(inputs.Build(l.Work), l.Liked))], ct);
    }

    /// <summary>The pending works with the rest of the first screen, spread around what is already labelled, in front.</summary>
    public IReadOnlyList<Work> Spread(IReadOnlyList<(Work Work, bool Liked)> labelled, IReadOnlyList<Work> pending)
    {
        var size = options.Value.FirstScreen - labelled.Count;
        if (size <= 0) return pending;
        var order = FacetSpread.Rank([.. pending.Select(FacetSpread.Of)], size, labelled.SelectMany(l => FacetSpread.Of(l.Work)));
        return [.. order.Select(i => pending[i])];
    }

    public IReadOnlyList<Work> Order(ITasteModel model, IReadOnlyList<Work> pending)
    {
        var built = pending.Select(inputs.Build).ToList();
        var scores = model.Predict(built).Select(p => p.Score).ToList();
        var vectors = built.Select(b => BigramVector.Of(b.Text)).ToList();
        var order = UncertaintySampling.Rank(scores, model.Threshold, vectors, options.Value.Diversity, options.Value.RetrainEvery);
        return [.. order.Select(i => pending[i])];
    }
}
