using Konomi.Inference;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Labelling.Tests;

/// <summary>The inference library as its host composes it, on a test store, not started: its <see cref="WorkScorer"/> and stores.</summary>
public sealed class Scoring(IHost host) : IDisposable
{
    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public static Scoring On(TestStore store, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddKonomiStorage();
        builder.AddInference();
        return new Scoring(builder.Build());
    }

    public void Dispose() => host.Dispose();
}
