using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task A_floor_s_last_read_replaces_the_one_before_and_floors_are_listed_by_name()
    {
        var reads = Get<IFloorReadStore>();
        var failed = new FloorRead("maniax", Sample.Noon, "malformed: the listing's result list links 30 works but none reads", Sample.Noon.AddHours(-2));

        await reads.SaveAsync(new FloorRead("maniax", Sample.Noon.AddHours(-3)), Ct);
        await reads.SaveAsync(new FloorRead("home", Sample.Noon), Ct);
        await reads.SaveAsync(failed, Ct);

        (await reads.FindAsync("maniax", Ct)).ShouldBe(failed);
        (await reads.FindAsync("girls", Ct)).ShouldBeNull();
        (await reads.ListAsync(Ct)).ShouldBe([new FloorRead("home", Sample.Noon), failed]);

        await reads.SaveAsync(new FloorRead("maniax", Sample.Noon.AddHours(1)), Ct);
        (await reads.FindAsync("maniax", Ct)).ShouldBe(new FloorRead("maniax", Sample.Noon.AddHours(1)));
    }
}
