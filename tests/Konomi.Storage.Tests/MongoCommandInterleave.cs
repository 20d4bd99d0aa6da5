using MongoDB.Bson;
using MongoDB.Driver.Core.Events;

namespace Konomi.Storage.Tests;

/// <summary>
/// Once armed, runs a write before the second command of one name on one collection is sent: another writer
/// landing between two reads of one store call.
/// </summary>
public sealed class MongoCommandInterleave(string commandName, string collection) : CommandStartedSubscriber
{
    Action? _armed;
    int _seen;

    public void BeforeTheSecond(Action write)
    {
        Volatile.Write(ref _seen, 0);
        Volatile.Write(ref _armed, write);
    }

    protected override void Started(CommandStartedEvent started)
    {
        if (started.CommandName != commandName || started.Command[commandName] != BsonValue.Create(collection) || Volatile.Read(ref _armed) is null)
            return;
        if (Interlocked.Increment(ref _seen) == 2 && Interlocked.Exchange(ref _armed, null) is { } write)
            write();
    }
}
