using Konomi.Contracts;
using Konomi.Emulators.Slack;
using Konomi.Hosting;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Notifier.Tests;

/// <summary>
/// One notifier instance as its host composes it (<c>AddKonomiStorage</c> + <c>AddNotifier</c>) on MassTransit's
/// in-memory test harness, against a shared test store, the Slack emulator (or none: console sink) and a fake clock.
/// Sweeps run when a test says so (<see cref="SweepAsync"/>), as the timed sweep would.
/// </summary>
public sealed class NotifierHost : IAsyncDisposable
{
    readonly IHost _host;
    readonly ITestHarness _harness;

    NotifierHost(IHost host)
    {
        _host = host;
        _harness = host.Services.GetRequiredService<ITestHarness>();
    }

    public static async Task<NotifierHost> StartAsync(TestStore store, SlackEmulator? slack, TimeProvider clock,
        Dictionary<string, string?>? settings = null, ILoggerProvider? logs = null, Func<INotificationStore, INotificationStore>? ledger = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        var values = new Dictionary<string, string?>(store.Settings)
        {
            ["Notifier:SweepInterval"] = "1.00:00:00",
            ["Slack:Retry:BaseDelay"] = "00:00:00.050",
            ["Slack:PostInterval"] = "00:00:00.010",
            ["Slack:Retry:MaxAttempts"] = "2",
        };
        foreach (var (key, value) in (slack?.Settings() ?? []).Concat(settings ?? []))
            values[key] = value;
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        if (logs is not null)
            builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(clock);
        builder.AddKonomiStorage();
        builder.AddNotifier();
        if (ledger is not null)
        {
            // This instance's view of the shared ledger, e.g. one whose answers come late.
            var adapter = builder.Services.Last(d => d.ServiceType == typeof(INotificationStore)).ImplementationType!;
            builder.Services.AddSingleton(services => ledger((INotificationStore)ActivatorUtilities.CreateInstance(services, adapter)));
        }
        var registrations = (BusRegistrations)builder.Services.Single(d => d.ServiceType == typeof(BusRegistrations)).ImplementationInstance!;
        builder.Services.AddMassTransitTestHarness(registrations.ApplyTo);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new NotifierHost(host);
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Publishes on this instance's bus and waits until its consumer has handled them all.</summary>
    public async Task DeliverAsync(params WorkScored[] verdicts)
    {
        var consumer = _harness.GetConsumerHarness<WorkScoredConsumer>();
        var before = consumer.Consumed.Select<WorkScored>().Count();
        foreach (var verdict in verdicts)
            await _harness.Bus.Publish(verdict, TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (consumer.Consumed.Select<WorkScored>().Count() < before + verdicts.Length)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "WorkScored not consumed in time");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        _harness.Consumed.Select<WorkScored>().ShouldAllBe(m => m.Exception == null);
    }

    /// <summary>Every <c>WorkScored</c> this instance's bus received, with the exception it ended with (none: handled).</summary>
    public IReadOnlyList<(WorkScored Verdict, Exception? Exception)> Consumed =>
        [.. _harness.Consumed.Select<WorkScored>().Select(m => (m.Context.Message, m.Exception))];

    /// <summary>Publishes as another publisher would, without waiting or checking.</summary>
    public Task PublishAsync(WorkScored verdict) => _harness.Bus.Publish(verdict, TestContext.Current.CancellationToken);

    public Task SweepAsync() => Get<NotificationSweep>().SweepAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
