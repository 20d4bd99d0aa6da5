using Konomi.Storage.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.Storage;

/// <summary>
/// At start-up, upserts every profile in the <c>Users</c> section (<see cref="ConfiguredUsers"/>, checked with the other
/// settings before anything starts); when the store then has no user at all, creates the active user <c>me</c> so a
/// first <c>konomi run</c> has someone to recommend to. Touching the store here also creates its schema and indexes
/// before any consumer starts.
/// </summary>
public sealed partial class UserSeeding(IUserStore users, IOptions<ConfiguredUsers> configuration, ILogger<UserSeeding> logger) : IHostedService
{
    public const string DefaultUserId = "me";

    public async Task StartAsync(CancellationToken ct)
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

    [LoggerMessage(1, LogLevel.Information, "No users configured: created the default user '{UserId}'")]
    static partial void LogDefaultUser(ILogger logger, string userId);

    [LoggerMessage(2, LogLevel.Information, "Seeded {Count} user profiles from configuration")]
    static partial void LogSeeded(ILogger logger, int count);
}
