using Konomi.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Storage.Tests;

/// <summary>The MongoDB adapter over the wire, against the test server <c>tests/infra.sh</c> starts.</summary>
public sealed class MongoWireStoreTests : MongoStoreContract
{
    // jongodb 0.1.6 answers dropIndexes with "no such command".
    protected override bool DropsIndexes => false;

    protected override TestStore CreateStore(Action<IServiceCollection> services) => TestStore.MongoWire(services);
}
