using Konomi.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Storage.Tests;

/// <summary>The MongoDB adapter over the wire, against the test server <c>tests/infra.sh</c> starts.</summary>
public sealed class MongoWireStoreTests : MongoStoreContract
{
    protected override TestStore CreateStore(Action<IServiceCollection> services) => TestStore.MongoWire(services);
}
