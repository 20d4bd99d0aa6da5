using System.Collections.Concurrent;
using Konomi.Crawler.DLsite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>
/// The crawler's own schedule: a fake clock it paces by, and each request's start and end as the client's
/// HTTP pipeline sees them on that clock. Time moves only when <see cref="RunAsync{T}"/> advances it, so
/// a gap is the pacer's decision, never the machine's load.
/// </summary>
sealed class ClientSchedule : DelegatingHandler
{
    readonly ConcurrentQueue<(string Path, DateTimeOffset StartedAt, DateTimeOffset EndedAt)> _requests = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));

    public IReadOnlyList<(string Path, DateTimeOffset StartedAt, DateTimeOffset EndedAt)> Requests => [.. _requests];

    public void Register(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddHttpClient(DLsiteClient.HttpClientName).AddHttpMessageHandler(() => this);
    }

    /// <summary>Runs <paramref name="work"/> while advancing the fake clock in small steps until it ends.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        var running = work();
        while (!running.IsCompleted)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(1);
        }
        return await running;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var startedAt = Clock.GetUtcNow();
        var response = await base.SendAsync(request, cancellationToken);
        _requests.Enqueue((request.RequestUri!.PathAndQuery, startedAt, Clock.GetUtcNow()));
        return response;
    }
}
