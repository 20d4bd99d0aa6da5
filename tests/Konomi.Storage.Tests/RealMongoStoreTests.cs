using Konomi.Testing;

namespace Konomi.Storage.Tests;

/// <summary>The MongoDB adapter against a real MongoDB, when <c>KONOMI_TEST_MONGO</c> names one.</summary>
public sealed class RealMongoStoreTests : StoreContract
{
    protected override TestStore? CreateStore(TimeProvider? clock = null) => TestStore.RealMongo(clock);
}
