using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Inference.Tests;

/// <summary>The inference library as a host composes it, on a fresh store, with MassTransit's in-memory test harness.</summary>
public sealed class InferenceHost(IHost host) : IAsyncDisposable
{
    public ITestHarness Harness => host.Services.GetTestHarness();

    public IServiceProvider Services => host.Services;

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public static async Task<InferenceHost> StartAsync(
        TestStore store, CancellationToken ct, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder();
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inference:BatchSize"] = "20",
            ["Inference:BatchTimeLimit"] = "00:00:00.200",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddKonomiStorage();
        builder.AddInference();
        // The consumers AddInference contributed, on the harness's bus instead of AddKonomiBus's.
        var registrations = (BusRegistrations)builder.Services.Single(d => d.ServiceType == typeof(BusRegistrations)).ImplementationInstance!;
        builder.Services.AddMassTransitTestHarness(registrations.ApplyTo);
        var host = builder.Build();
        await host.StartAsync(ct);
        return new InferenceHost(host);
    }

    /// <summary>
    /// Waits until the consumer is done with at least <paramref name="works"/> NewWorkDetected (their scores stored and
    /// their news published), then returns every WorkScored published so far.
    /// </summary>
    public async Task<IReadOnlyList<WorkScored>> ScoredAsync(int works, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        while (Harness.Consumed.Select<NewWorkDetected>(limit.Token).Count(m => m.Exception is null) < works)
            await Task.Delay(50, limit.Token);
        return [.. Harness.Published.Select<WorkScored>(limit.Token).Select(m => m.Context.Message)];
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
