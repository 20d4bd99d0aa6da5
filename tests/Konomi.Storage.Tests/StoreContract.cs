using Konomi.Testing;

namespace Konomi.Storage.Tests;

/// <summary>
/// The behaviour every store adapter must have, one partial file per port. Each provider derives once;
/// every test gets a fresh, empty store.
/// </summary>
public abstract partial class StoreContract : IAsyncLifetime
{
    private TestStore? _store;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected TestStore Store => _store ?? throw new InvalidOperationException("The store is not created yet.");

    protected T Get<T>() where T : notnull => Store.Get<T>();

    /// <summary>
    /// The fresh store, or null when this provider is not configured on this machine (the test is skipped);
    /// <paramref name="clock"/> stamps what the store times itself.
    /// </summary>
    protected abstract TestStore? CreateStore(TimeProvider? clock = null);

    /// <summary>Makes the store refuse every write of a current label (the click history still takes writes) until disposed.</summary>
    protected abstract Task<IAsyncDisposable> BreakLabelWritesAsync();

    public ValueTask InitializeAsync()
    {
        _store = CreateStore();
        Assert.SkipWhen(_store is null, "KONOMI_TEST_MONGO is not set: no real MongoDB to test against.");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
