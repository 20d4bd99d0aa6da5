using Konomi.Resilience;
using Konomi.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Retry;

namespace Konomi.Storage;

/// <summary>
/// At start-up, upserts every profile in the <c>Users</c> section (<see cref="ConfiguredUsers"/>, checked with the other
/// settings before anything starts); when the store then has no user at all, creates the active user <c>me</c> so a
/// first <c>konomi run</c> has someone to recommend to. Touching the store here also creates its schema and indexes
/// before any consumer starts. A store that does not answer yet (MongoDB still starting beside the service, a failover, a
/// locked file: <see cref="StoreOutage"/>) is waited for, a warning saying why at each try, 1 s doubling to 30 s, rather
/// than failing the start with a stack trace; any other failure still stops it. A store full or read-only at start says
/// so itself, naming the data directory (<see cref="StoreOutage.IsTold"/>): the wait adds nothing but a debug line.
/// </summary>
public sealed partial class UserSeeding(
    IUserStore users, IOptions<ConfiguredUsers> configuration, ResiliencePipelineProvider<string> pipelines, ILogger<UserSeeding> logger) : IHostedService
{
    public const string DefaultUserId = "me";

    /// <summary>The named Polly pipeline the seeding runs through: until the store answers (<see cref="AddStoreWait"/>).</summary>
    public const string StoreWait = "storage-store-wait";

    public async Task StartAsync(CancellationToken ct) =>
        await pipelines.GetPipeline(StoreWait).ExecuteAsync(async token => await SeedAsync(token), ct);

    /// <summary>Registers <see cref="StoreWait"/>: a store outage retried 1 s doubling to 30 s, without end, a warning at each (a debug line for one the store tells itself).</summary>
    internal static void AddStoreWait(IServiceCollection services) =>
        services.AddResiliencePipeline(StoreWait, (pipeline, context) =>
        {
            var outage = context.ServiceProvider.GetRequiredService<StoreOutage>();
            var logger = context.ServiceProvider.GetRequiredService<ILogger<UserSeeding>>();
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(new RetrySettings { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) }.ApplyTo(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(outage.IsTransient),
                OnRetry = retry =>
                {
                    if (retry.Outcome.Exception is { } told && outage.IsTold(told))
                        LogStoreStillAway(logger, told.Message, retry.RetryDelay);
                    else
                        LogStoreAway(logger, retry.Outcome.Exception, retry.Outcome.Exception?.Message, retry.RetryDelay);
                    return default;
                },
            }, jitter: false));
        });

    // Upserts only: a try the store failed part-way is done again whole.
    async Task SeedAsync(CancellationToken ct)
    {
        var configured = configuration.Value.Profiles;
        foreach (var profile in configured)
            await users.UpsertAsync(profile, ct);
        if ((await users.ListAsync(ct)).Count == 0)
        {
            await users.UpsertAsync(new UserProfile(DefaultUserId), ct);
            LogDefaultUser(logger, DefaultUserId);
        }
        else if (configured.Count > 0)
            LogSeeded(logger, configured.Count);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(3, LogLevel.Warning, "The store does not answer at start ({Error}); trying again in {Wait}")]
    static partial void LogStoreAway(ILogger logger, Exception? exception, string? error, TimeSpan wait);

    [LoggerMessage(4, LogLevel.Debug, "The store cannot be written at start ({Error}); trying again in {Wait}")]
    static partial void LogStoreStillAway(ILogger logger, string error, TimeSpan wait);

    [LoggerMessage(1, LogLevel.Information, "No users configured: created the default user '{UserId}'")]
    static partial void LogDefaultUser(ILogger logger, string userId);

    [LoggerMessage(2, LogLevel.Information, "Seeded {Count} user profiles from configuration")]
    static partial void LogSeeded(ILogger logger, int count);
}
