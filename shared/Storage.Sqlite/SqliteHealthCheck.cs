using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Konomi.Storage.Sqlite;

/// <summary>Ready when the database file opens and answers a query.</summary>
public sealed class SqliteHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            await connection.ExecuteAsync("SELECT 1", ct);
            return HealthCheckResult.Healthy(database.FilePath);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"SQLite store {database.FilePath} does not open", e);
        }
    }
}
