using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task A_failed_work_counts_its_cycles_keeps_its_first_failure_and_the_last_error()
    {
        var failures = Get<ICrawlFailureStore>();

        (await failures.RecordAsync("RJ01000001", "malformed: no title", Sample.Noon, Ct))
            .ShouldBe(new CrawlFailure("RJ01000001", 1, "malformed: no title", Sample.Noon, Sample.Noon));
        await failures.RecordAsync("RJ01000002", "too-large: 9 MB", Sample.Noon.AddMinutes(30), Ct);
        var third = await failures.RecordAsync("RJ01000001", "unexpected: IndexOutOfRangeException", Sample.Noon.AddHours(1), Ct);

        third.ShouldBe(new CrawlFailure("RJ01000001", 2, "unexpected: IndexOutOfRangeException", Sample.Noon, Sample.Noon.AddHours(1)));
        (await failures.FindAsync("RJ01000001", Ct)).ShouldBe(third);
        (await failures.FindAsync("RJ01999999", Ct)).ShouldBeNull();
        (await failures.ListAsync(ct: Ct)).Select(f => (f.WorkId, f.Attempts)).ShouldBe([("RJ01000001", 2), ("RJ01000002", 1)]);
        (await failures.ListAsync(1, Ct)).Single().WorkId.ShouldBe("RJ01000001");
        (await failures.ListAsync(int.MaxValue, Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_forgotten_failure_is_gone_and_counts_from_one_again()
    {
        var failures = Get<ICrawlFailureStore>();
        await failures.RecordAsync("RJ01000001", "malformed: no title", Sample.Noon, Ct);
        await failures.RecordAsync("RJ01000001", "malformed: no title", Sample.Noon.AddHours(1), Ct);

        (await failures.ForgetAsync("RJ01000001", Ct)).ShouldBeTrue();
        (await failures.ForgetAsync("RJ01000001", Ct)).ShouldBeFalse();

        (await failures.FindAsync("RJ01000001", Ct)).ShouldBeNull();
        (await failures.ListAsync(ct: Ct)).ShouldBeEmpty();
        (await failures.RecordAsync("RJ01000001", "malformed: no title", Sample.Noon.AddHours(2), Ct)).Attempts.ShouldBe(1);
    }
}
