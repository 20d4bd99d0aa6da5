using MongoDB.Bson;
using MongoDB.Driver.Core.Events;

namespace Konomi.Storage.Tests;

/// <summary>
/// Holds the next multi-document update of one collection, once armed, before it is sent: a writer that stalls
/// between two writes (a slow network, a paused process) while others go on.
/// </summary>
public sealed class MongoCommandHold(string collection) : CommandStartedSubscriber
{
    Held? _armed;

    public Held HoldNextUpdateMany()
    {
        var held = new Held();
        Volatile.Write(ref _armed, held);
        return held;
    }

    protected override void Started(CommandStartedEvent started)
    {
        if (started.CommandName != "update" || started.Command["update"] != BsonValue.Create(collection)
            || !started.Command["updates"].AsBsonArray.Any(u => u.AsBsonDocument.GetValue("multi", false).ToBoolean()))
            return;
        if (Interlocked.Exchange(ref _armed, null) is { } held)
        {
            held.Reached.TrySetResult();
            // The driver raises this event on the caller's path before sending: blocking here holds the write.
            held.Released.Wait(TimeSpan.FromMinutes(1));
        }
    }

    public sealed class Held
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ManualResetEventSlim Released { get; } = new();
    }
}
