using Konomi.Settings;
using Konomi.Resilience;
using Konomi.Storage;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Konomi.Hosting;

public static class BusExtensions
{
    /// <summary>
    /// How long a consumer keeps a message while the store is away (<see cref="RetrySettings"/>). The broker here has no
    /// delayed-message exchange, so redelivery is in memory: the message stays unacknowledged (and safe in RabbitMQ if
    /// the process dies) until the store answers or the attempts run out and it moves to the <c>_error</c> queue.
    /// Defaults: 8 attempts, waits 1 s doubling to 30 s (MassTransit varies each by ±20 %), about 90 s in all. On the
    /// in-memory bus (<c>konomi run</c>) no attempt limit: its <c>_error</c> queue lives in the process, nobody replays it
    /// and it dies at exit, so a message faulted there is lost; waiting (every 30 s) for a store that is away for long,
    /// a full disk until someone frees space, is what keeps it. A run stopped meanwhile is finished from the store at
    /// its next start.
    /// </summary>
    public const string RetrySection = "Bus:Retry";

    /// <summary>Adds consumers to the process's bus; call from a service library's registration method.</summary>
    public static IServiceCollection AddKonomiConsumers(this IServiceCollection services, Action<IBusRegistrationConfigurator> registration)
    {
        var registrations = services
            .Where(d => d.ServiceType == typeof(BusRegistrations))
            .Select(d => d.ImplementationInstance)
            .OfType<BusRegistrations>()
            .FirstOrDefault();
        if (registrations is null)
        {
            registrations = new BusRegistrations();
            services.AddSingleton(registrations);
        }
        registrations.Add(registration);
        return services;
    }

    /// <summary>
    /// MassTransit over RabbitMQ when <c>RabbitMq:Host</c> is set, in memory otherwise: kebab-case queues,
    /// retries for a minute and a half while the store is away (<see cref="RetrySection"/>) and four quick ones for anything
    /// else, an in-memory outbox so messages published by a consumer
    /// leave only when it succeeds, and error queues for what still fails. Over RabbitMQ every host declares the
    /// subscriber queues of every event at start (<see cref="Subscriptions"/>). Call after the service libraries.
    /// </summary>
    public static IHostApplicationBuilder AddKonomiBus(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RabbitMqOptions>().BindSettings(RabbitMqOptions.Section);
        // The host alone picks the transport here; the rest is read once the settings are checked (RabbitMq__Port=abc
        // is then refused in words with any other bad setting, not thrown while the host is composed).
        var inMemory = string.IsNullOrWhiteSpace(builder.Configuration[$"{RabbitMqOptions.Section}:{nameof(RabbitMqOptions.Host)}"]);
        builder.Services.AddRetrySettings(RetrySection, r =>
        {
            r.MaxAttempts = inMemory ? null : 8;
            r.MaxDelay = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddKonomiConsumers(_ => { });
        var registrations = (BusRegistrations)builder.Services
            .First(d => d.ServiceType == typeof(BusRegistrations)).ImplementationInstance!;

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            // MassTransit reports usage to its vendor at start; Konomi sends nothing anywhere it was not told to.
            x.DisableUsageTelemetry();
            x.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                // Only the store's adapter knows which of its driver's failures are an outage.
                var outage = context.GetService<StoreOutage>();
                bool IsOutage(Exception e) => outage?.IsTransient(e) == true;
                // Outer: a store failover takes a minute or two; the message waits it out instead of dead-lettering.
                var settings = context.GetRequiredService<IOptionsMonitor<RetrySettings>>().Get(RetrySection);
                endpoint.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(IsOutage);
                    // MassTransit's own retry (the message stays unacknowledged meanwhile), in the shape of every other retry setting.
                    r.Exponential((settings.MaxAttempts ?? int.MaxValue) - 1, settings.BaseDelay, settings.MaxDelay ?? TimeSpan.FromDays(1), settings.BaseDelay);
                });
                // Inner: anything else is retried briefly, then goes to the _error queue.
                endpoint.UseMessageRetry(r =>
                {
                    r.Ignore<Exception>(IsOutage);
                    r.Intervals(100, 500, 1000, 2000);
                });
                endpoint.UseInMemoryOutbox(context);
            });
            registrations.ApplyTo(x);

            if (inMemory)
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            else
                x.UsingRabbitMq((context, cfg) =>
                {
                    var rabbit = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                    cfg.Host(rabbit.Host!, rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                    });
                    Subscriptions.Declare(cfg);
                    cfg.ConfigureEndpoints(context);
                });
        });
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
            // A message waiting for the store (no attempt limit in memory) would hold the stop for StopTimeout, and konomi
            // is ended 2 s after Ctrl+C or SIGTERM (System.CommandLine's termination timeout), mid-stop, exit 130 or 143.
            // Its wait is cancelled after a second; what it held is finished from the store at the next start
            // (InterruptedRunRecovery), as after a kill.
            if (inMemory) o.ConsumerStopTimeout = TimeSpan.FromSeconds(1);
        });
        return builder;
    }
}
