using System.Collections.Concurrent;
using MongoDB.Bson;
using MongoDB.Driver.Core.Events;

namespace Konomi.Storage.Tests;

/// <summary>Every command of one name on one collection the store sent, as sent.</summary>
public sealed class MongoCommandLog(string commandName, string collection) : CommandStartedSubscriber
{
    readonly ConcurrentQueue<BsonDocument> _sent = new();

    public IReadOnlyList<BsonDocument> Sent => [.. _sent];

    protected override void Started(CommandStartedEvent started)
    {
        if (started.CommandName == commandName && started.Command[commandName] == BsonValue.Create(collection))
            _sent.Enqueue(started.Command.DeepClone().AsBsonDocument); // the event's document is the driver's buffer, freed once sent
    }
}
