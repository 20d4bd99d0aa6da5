using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

/// <summary>No server to talk to, or a primary stepping down: a replica set elects another within a minute or two.</summary>
public sealed class MongoOutage : StoreOutage
{
    protected override bool? Classify(Exception exception) => exception switch
    {
        // A connection exception too, but wrong credentials do not mend by waiting.
        MongoAuthenticationException => false,
        MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException
            or MongoExecutionTimeoutException or MongoWaitQueueFullException => true,
        // Server selection gives up with a plain TimeoutException while no server answers.
        TimeoutException => true,
        _ => null,
    };
}
