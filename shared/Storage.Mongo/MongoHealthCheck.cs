using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;

namespace Konomi.Storage.Mongo;

/// <summary>Ready when the database answers a ping.</summary>
public sealed class MongoHealthCheck(KonomiMongo mongo) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await mongo.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: ct);
            return HealthCheckResult.Healthy(mongo.Database.DatabaseNamespace.DatabaseName);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"MongoDB database {mongo.Database.DatabaseNamespace.DatabaseName} does not answer a ping", e);
        }
    }
}
