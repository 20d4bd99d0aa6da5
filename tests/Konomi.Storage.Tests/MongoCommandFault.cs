using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Events;

namespace Konomi.Storage.Tests;

/// <summary>
/// Fails the driver's commands of one name on one collection while armed, as a dropped connection or a
/// failover would: the command never reaches the server.
/// </summary>
public sealed class MongoCommandFault(string commandName, string collection) : CommandStartedSubscriber
{
    int _armed;

    public IAsyncDisposable Arm()
    {
        Volatile.Write(ref _armed, 1);
        return new Disarm(this);
    }

    protected override void Started(CommandStartedEvent started)
    {
        if (Volatile.Read(ref _armed) == 1 && started.CommandName == commandName
            && started.Command.TryGetValue(commandName, out var target) && target == BsonValue.Create(collection))
            throw new MongoClientException($"injected fault: {commandName} on {collection} failed");
    }

    sealed class Disarm(MongoCommandFault fault) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Volatile.Write(ref fault._armed, 0);
            return ValueTask.CompletedTask;
        }
    }
}
