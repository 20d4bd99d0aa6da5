using Konomi.Contracts;
using Konomi.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>The real work store that dies right after its <paramref name="crashAfter"/>-th stored work, before anything is published.</summary>
sealed class CrashingWorkStore(IWorkStore inner, int crashAfter) : IWorkStore
{
    int _added;

    public static void Install(IServiceCollection services, int crashAfter)
    {
        var real = services.Last(d => d.ServiceType == typeof(IWorkStore));
        services.Remove(real);
        services.AddSingleton<IWorkStore>(sp => new CrashingWorkStore((IWorkStore)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!), crashAfter));
    }

    public async Task<bool> AddAsync(Work work, Guid crawlRunId, CancellationToken ct = default)
    {
        var added = await inner.AddAsync(work, crawlRunId, ct);
        if (added && ++_added == crashAfter)
            throw new InvalidOperationException($"crash after storing {work.Id}, before NewWorkDetected");
        return added;
    }

    public Task<int> ImportAsync(IReadOnlyList<Work> works, CancellationToken ct = default) => inner.ImportAsync(works, ct);
    public Task<IReadOnlyList<CrawledWork>> ListUnannouncedAsync(int limit = 500, CancellationToken ct = default) => inner.ListUnannouncedAsync(limit, ct);

    public Task<IReadOnlyList<CrawledWork>> ListAnnouncedAsync(DateTimeOffset from, DateTimeOffset before, int limit = 1000, CancellationToken ct = default) =>
        inner.ListAnnouncedAsync(from, before, limit, ct);
    public Task MarkAnnouncedAsync(string workId, CancellationToken ct = default) => inner.MarkAnnouncedAsync(workId, ct);
    public Task<Work?> FindAsync(string workId, CancellationToken ct = default) => inner.FindAsync(workId, ct);
    public Task<IReadOnlyDictionary<string, Work>> FindManyAsync(IEnumerable<string> workIds, CancellationToken ct = default) => inner.FindManyAsync(workIds, ct);
    public Task<IReadOnlySet<string>> FindKnownAsync(IEnumerable<string> workIds, CancellationToken ct = default) => inner.FindKnownAsync(workIds, ct);
    public Task<IReadOnlyList<Work>> ListAsync(string? text = null, int limit = 100, CancellationToken ct = default) => inner.ListAsync(text, limit, ct);
    public Task<long> CountAsync(CancellationToken ct = default) => inner.CountAsync(ct);
}
