using MongoDB.Driver.Core.Events;

namespace Konomi.Storage.Tests;

/// <summary>Sees each driver command before it is sent, on the caller's path: where tests fail or hold one.</summary>
public abstract class CommandStartedSubscriber : IEventSubscriber
{
    public bool TryGetEventHandler<TEvent>(out Action<TEvent> handler)
    {
        if (typeof(TEvent) != typeof(CommandStartedEvent))
        {
            handler = null!;
            return false;
        }
        handler = e => Started((CommandStartedEvent)(object)e!);
        return true;
    }

    protected abstract void Started(CommandStartedEvent started);
}
