using Konomi.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Storage.Tests;

/// <summary>The MongoDB adapter against a real MongoDB, when <c>KONOMI_TEST_MONGO</c> names one.</summary>
public sealed class RealMongoStoreTests : MongoStoreContract
{
    protected override TestStore? CreateStore(Action<IServiceCollection> services) => TestStore.RealMongo(services);
}
