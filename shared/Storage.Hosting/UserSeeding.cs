using Konomi.Storage.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Storage;

/// <summary>
/// At start-up, upserts every profile in the <c>Users</c> section (<see cref="ConfiguredUsers"/>, checked with the other
/// settings before anything starts); when the store then has no user at all, creates the active user <c>me</c> so a
/// first <c>konomi run</c> has someone to recommend to. Touching the store here also creates its schema and indexes
/// before any consumer starts. A store that does not answer yet (MongoDB still starting beside the service, a failover, a
/// locked file: <see cref="StoreOutage"/>) is waited for, a warning saying why at each try, 1 s doubling to 30 s, rather
/// than failing the start with a stack trace; any other failure still stops it.
/// </summary>
public sealed partial class UserSeeding(
    IUserStore users, IOptions<ConfiguredUsers> configuration, StoreOutage outage, TimeProvider clock, ILogger<UserSeeding> logger) : IHostedService
{
    public const string DefaultUserId = "me";

    static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1), LongestWait = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken ct)
    {
        for (var wait = FirstWait; ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestWait.Ticks)))
        {
            try
            {
                await SeedAsync(ct);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && outage.IsTransient(e))
            {
                LogStoreAway(logger, e, e.Message, wait);
            }
            await Task.Delay(wait, clock, ct);
        }
    }

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
    static partial void LogStoreAway(ILogger logger, Exception exception, string error, TimeSpan wait);

    [LoggerMessage(1, LogLevel.Information, "No users configured: created the default user '{UserId}'")]
    static partial void LogDefaultUser(ILogger logger, string userId);

    [LoggerMessage(2, LogLevel.Information, "Seeded {Count} user profiles from configuration")]
    static partial void LogSeeded(ILogger logger, int count);
}
