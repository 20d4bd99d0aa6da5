using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Testing;
using Konomi.TasteModels;
using Konomi.TasteModels.Ngram;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Trainer.Tests;

/// <summary>The trainer over a test store on MassTransit's test harness, as its host composes it.</summary>
public static class TrainerHost
{
    /// <summary>The trainer with its own retrain loop running.</summary>
    public static IHost Build(TestStore store, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null) =>
        Compose(store, settings, logs, time: null);

    /// <summary>
    /// The trainer on <paramref name="time"/> whose retrain loop the test drives tick by tick (<see cref="RetrainLoop.RetrainDueAsync"/>):
    /// the loop's background service is left out. The <see cref="CutShortFamily"/> is one more family it can train.
    /// </summary>
    public static IHost Driven(TestStore store, TimeProvider time, ILoggerProvider logs, IDictionary<string, string?>? settings = null) =>
        Compose(store, settings, logs, time);

    static IHost Compose(TestStore store, IDictionary<string, string?>? settings, ILoggerProvider? logs, TimeProvider? time)
    {
        var builder = Host.CreateApplicationBuilder();
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        if (time is not null) builder.Services.AddSingleton(time);
        builder.AddKonomiStorage();
        var before = builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        builder.AddTrainer();
        if (time is not null)
        {
            foreach (var loop in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).Except(before).ToList())
                builder.Services.Remove(loop);
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ITasteModelFamily, CutShortFamily>(
                sp => new CutShortFamily(new NgramFamily(sp.GetRequiredService<IOptions<NgramOptions>>()))));
        }
        var registrations = (BusRegistrations)builder.Services.Single(d => d.ServiceType == typeof(BusRegistrations)).ImplementationInstance!;
        builder.Services.AddMassTransitTestHarness(registrations.ApplyTo);
        return builder.Build();
    }
}
