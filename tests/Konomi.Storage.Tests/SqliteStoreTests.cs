using Konomi.Testing;

namespace Konomi.Storage.Tests;

public sealed class SqliteStoreTests : StoreContract
{
    protected override TestStore CreateStore(TimeProvider? clock = null) => TestStore.Sqlite(clock);
}
