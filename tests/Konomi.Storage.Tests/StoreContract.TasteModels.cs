using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task Model_versions_count_up_per_user_from_one_and_keep_their_bytes()
    {
        var registry = Get<ITasteModelRegistry>();
        var big = Sample.Model("u1", size: 2_500_000);

        var first = await registry.RegisterAsync(Sample.Model("u1"), Ct);
        var second = await registry.RegisterAsync(big, Ct);
        var other = await registry.RegisterAsync(Sample.Model("u2"), Ct);

        (first.Version, second.Version, other.Version).ShouldBe((1, 2, 1));
        second.Status.ShouldBe(TasteModelStatus.Candidate);
        second.Metrics.ShouldBe(big.Metrics);
        (await registry.LoadBytesAsync("u1", 2, Ct)).ShouldBe(big.Bytes);
        (await registry.ListAsync("u1", Ct)).Select(v => v.Version).ShouldBe([2, 1]);
        (await registry.FindAsync("u1", 1, Ct)).ShouldBe(first);
    }

    [Fact]
    public async Task Promoting_a_version_retires_the_one_serving_before()
    {
        var registry = Get<ITasteModelRegistry>();
        await registry.RegisterAsync(Sample.Model("u1"), Ct);
        await registry.RegisterAsync(Sample.Model("u1"), Ct);
        (await registry.FindServingAsync("u1", Ct)).ShouldBeNull();

        await registry.PromoteAsync("u1", 1, "first model", Ct);
        await registry.PromoteAsync("u1", 2, "F1 0.65 >= 0.61", Ct);

        var serving = (await registry.FindServingAsync("u1", Ct)).ShouldNotBeNull();
        (serving.Version, serving.StatusReason).ShouldBe((2, "F1 0.65 >= 0.61"));
        (await registry.FindAsync("u1", 1, Ct))!.Status.ShouldBe(TasteModelStatus.Retired);
    }

    [Fact]
    public async Task A_promotion_decided_on_what_served_lands_only_while_that_still_serves()
    {
        var registry = Get<ITasteModelRegistry>();
        for (var i = 0; i < 4; i++)
            await registry.RegisterAsync(Sample.Model("u1"), Ct);

        (await registry.PromoteIfServingAsync("u1", 1, "first model", serving: 2, Ct)).ShouldBeFalse();
        (await registry.PromoteIfServingAsync("u1", 1, "first model", serving: null, Ct)).ShouldBeTrue();
        (await registry.PromoteIfServingAsync("u1", 2, "judged against nothing", serving: null, Ct)).ShouldBeFalse();
        (await registry.PromoteIfServingAsync("u1", 2, "judged against v1", serving: 1, Ct)).ShouldBeTrue();
        // A person promotes v3 by hand; the trainer's verdict for v4 was against v2, which no longer serves.
        await registry.PromoteAsync("u1", 3, "by hand", Ct);
        (await registry.PromoteIfServingAsync("u1", 4, "judged against v2", serving: 2, Ct)).ShouldBeFalse();

        (await registry.ListAsync("u1", Ct)).Select(v => (v.Version, v.Status)).ShouldBe(
            [(4, TasteModelStatus.Candidate), (3, TasteModelStatus.Serving), (2, TasteModelStatus.Retired), (1, TasteModelStatus.Retired)]);
        (await registry.PromoteIfServingAsync("u1", 4, "judged against v3", serving: 3, Ct)).ShouldBeTrue();
        (await registry.FindServingAsync("u1", Ct))!.Version.ShouldBe(4);
    }

    [Fact]
    public async Task A_rejected_version_keeps_its_reason_and_does_not_serve()
    {
        var registry = Get<ITasteModelRegistry>();
        await registry.RegisterAsync(Sample.Model("u1"), Ct);

        await registry.RejectAsync("u1", 1, "F1 0.40 < 0.61", Ct);

        (await registry.FindAsync("u1", 1, Ct)).ShouldNotBeNull().ShouldSatisfyAllConditions(
            v => v.Status.ShouldBe(TasteModelStatus.Rejected),
            v => v.StatusReason.ShouldBe("F1 0.40 < 0.61"));
        (await registry.FindServingAsync("u1", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task An_unknown_version_is_a_clear_error()
    {
        var registry = Get<ITasteModelRegistry>();

        await Should.ThrowAsync<TasteModelNotFoundException>(() => registry.PromoteAsync("u1", 7, "by hand", Ct));
        await Should.ThrowAsync<TasteModelNotFoundException>(() => registry.LoadBytesAsync("u1", 7, Ct));
        (await registry.FindAsync("u1", 7, Ct)).ShouldBeNull();
    }
}
