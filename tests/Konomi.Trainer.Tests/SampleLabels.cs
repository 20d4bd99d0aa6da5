using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Trainer.Tests;

/// <summary>Stores sample works and a user's label for each, as clicks would: the user likes the soothing ones.</summary>
public static class SampleLabels
{
    public static async Task AddAsync(IServiceProvider services, string userId, int first, int count, CancellationToken ct)
    {
        var works = services.GetRequiredService<IWorkStore>();
        var labels = services.GetRequiredService<ILabelStore>();
        foreach (var work in SampleWorks.Range(first, count))
        {
            await works.AddAsync(work, Guid.NewGuid(), ct);
            await labels.RecordAsync(new Click(Guid.NewGuid().ToString(), userId, work.Id, SampleWorks.IsSoothing(work), DateTimeOffset.UtcNow, "test"), ct);
        }
    }
}
