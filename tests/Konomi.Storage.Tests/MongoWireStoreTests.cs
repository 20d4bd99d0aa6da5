using Konomi.Testing;

namespace Konomi.Storage.Tests;

/// <summary>The MongoDB adapter over the wire, against the test server <c>tests/infra.sh</c> starts.</summary>
public sealed class MongoWireStoreTests : StoreContract
{
    protected override TestStore CreateStore(TimeProvider? clock = null) => TestStore.MongoWire(clock);
}
