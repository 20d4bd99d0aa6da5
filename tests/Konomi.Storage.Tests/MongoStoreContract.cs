using Konomi.Testing;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver.Core.Events;

namespace Konomi.Storage.Tests;

/// <summary>The contract for the MongoDB adapter, with faults injected at the driver's command boundary.</summary>
public abstract class MongoStoreContract : StoreContract
{
    readonly MongoCommandFault _labelUpdates = new("update", "labels");

    protected sealed override TestStore? CreateStore(TimeProvider? clock = null) => CreateStore(s =>
    {
        s.AddSingleton<IEventSubscriber>(_labelUpdates);
        TestStore.WithClock(clock)?.Invoke(s);
    });

    protected abstract TestStore? CreateStore(Action<IServiceCollection> services);

    protected override Task<IAsyncDisposable> BreakLabelWritesAsync() => Task.FromResult(_labelUpdates.Arm());
}
