using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Konomi.TasteModels.Ngram;
using Konomi.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer.Tests;

/// <summary>
/// The trainer library on a fresh SQLite store, not started: tests call its parts directly. The
/// deliberately worse <see cref="ShuffledLabelsFamily"/> is one more family it can be configured to train.
/// </summary>
public sealed class TrainerFixture : IAsyncDisposable
{
    readonly TestStore _store = TestStore.Sqlite();
    readonly List<IHost> _hosts = [];

    public TrainerFixture(Dictionary<string, string?>? settings = null) => Services = Build(settings ?? []);

    /// <summary>
    /// The trainer on <paramref name="time"/>, logging to <paramref name="logs"/>, its label store the real one behind an
    /// <see cref="UnavailableLabelStore"/> (<see cref="Labels"/>) so a test can make the store fail, and its registry
    /// seen through <paramref name="registry"/> when given.
    /// </summary>
    public TrainerFixture(Dictionary<string, string?> settings, TimeProvider time, ILoggerProvider logs,
        Func<ITasteModelRegistry, ITasteModelRegistry>? registry = null) =>
        Services = Build(settings, registry, time, logs, labels: store => new UnavailableLabelStore(store));

    /// <summary>The label store, for a fixture built on an <see cref="UnavailableLabelStore"/>.</summary>
    public UnavailableLabelStore Labels => (UnavailableLabelStore)Get<ILabelStore>();

    public IServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public ITasteModelRegistry Registry => Get<ITasteModelRegistry>();

    /// <summary>Another trainer over the same store with other settings, e.g. another <c>Trainer:Family</c>.</summary>
    public TasteModelTrainer TrainerWith(Dictionary<string, string?> settings) => With<TasteModelTrainer>(settings);

    /// <summary>A part of another trainer over the same store with other settings.</summary>
    public T With<T>(Dictionary<string, string?> settings) where T : notnull => Build(settings).GetRequiredService<T>();

    /// <summary>Another trainer over the same store that sees the registry through <paramref name="registry"/>.</summary>
    public TasteModelTrainer TrainerSeeing(Func<ITasteModelRegistry, ITasteModelRegistry> registry) =>
        Build([], registry).GetRequiredService<TasteModelTrainer>();

    public Task LabelAsync(string userId, int first, int count, CancellationToken ct) =>
        SampleLabels.AddAsync(Services, userId, first, count, ct);

    IServiceProvider Build(
        Dictionary<string, string?> settings,
        Func<ITasteModelRegistry, ITasteModelRegistry>? registry = null,
        TimeProvider? time = null,
        ILoggerProvider? logs = null,
        Func<ILabelStore, ILabelStore>? labels = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(_store.Settings);
        builder.Configuration.AddInMemoryCollection(settings);
        if (time is not null) builder.Services.AddSingleton(time);
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.AddKonomiStorage();
        builder.AddTrainer();
        Wrap(builder.Services, registry);
        Wrap(builder.Services, labels);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ITasteModelFamily, ShuffledLabelsFamily>(
            sp => new ShuffledLabelsFamily(new NgramFamily(sp.GetRequiredService<IOptions<NgramOptions>>()))));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ITasteModelFamily, CutShortFamily>(
            sp => new CutShortFamily(new NgramFamily(sp.GetRequiredService<IOptions<NgramOptions>>()))));
        var host = builder.Build();
        _hosts.Add(host);
        return host.Services;
    }

    /// <summary>Puts <paramref name="wrap"/> around the adapter registered for <typeparamref name="T"/>.</summary>
    static void Wrap<T>(IServiceCollection services, Func<T, T>? wrap) where T : class
    {
        if (wrap is null) return;
        var adapter = services.Last(d => d.ServiceType == typeof(T)).ImplementationType!;
        services.AddSingleton(sp => wrap((T)ActivatorUtilities.CreateInstance(sp, adapter)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
            host.Dispose();
        await _store.DisposeAsync();
    }
}
