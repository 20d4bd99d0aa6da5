using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Input;

namespace Konomi.Trainer;

/// <summary>Loads what a user's model learns from: their labels and the stored works behind them.</summary>
public sealed class TrainingSets(ILabelStore labels, IWorkStore works, TasteInputBuilder inputs)
{
    public async Task<TrainingSet> LoadAsync(string userId, CancellationToken ct)
    {
        var found = new List<Work>();
        var examples = new List<Example>();
        var labeledAt = new List<DateTimeOffset>();
        var missing = 0;
        var current = await labels.ListAsync(userId, ct);
        var stored = await works.FindManyAsync(current.Select(l => l.WorkId), ct);
        foreach (var label in current)
        {
            // A label can arrive for a work this store never saw (an import); it cannot be learned from.
            if (!stored.TryGetValue(label.WorkId, out var work))
            {
                missing++;
                continue;
            }
            found.Add(work);
            examples.Add(new Example(inputs.Build(work), label.Interested, label.LabeledAt));
            labeledAt.Add(label.LabeledAt);
        }
        return new TrainingSet(userId, found, examples, labeledAt, missing);
    }
}
