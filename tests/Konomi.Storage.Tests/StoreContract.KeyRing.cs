using Konomi.Storage.Ports;

namespace Konomi.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task The_key_ring_keeps_every_element_it_is_given_even_under_a_name_it_already_holds()
    {
        var ring = Get<IKeyRingStore>();
        (await ring.ListAsync(Ct)).ShouldBeEmpty();
        const string first = """<key id="1f0e" version="1"><creationDate>2026-12-03T18:00:00Z</creationDate><descriptor>秘密</descriptor></key>""";
        const string second = """<key id="2a9c" version="1"><creationDate>2026-12-04T18:00:00Z</creationDate></key>""";
        const string revocation = """<revocation version="1"><key id="*" /><reason>rotated</reason></revocation>""";

        await ring.AddAsync("key-1f0e", first, Ct);
        await ring.AddAsync("key-2a9c", second, Ct);
        await ring.AddAsync("key-2a9c", revocation, Ct);

        (await ring.ListAsync(Ct)).ShouldBe([first, second, revocation], ignoreOrder: true);
    }

    [Fact]
    public async Task Of_first_keys_added_at_once_to_an_empty_ring_one_is_kept_and_none_once_the_ring_holds_one()
    {
        var ring = Get<IKeyRingStore>();
        var keys = Enumerable.Range(0, 4).Select(i => $"""<key id="{i}" version="1" />""").ToList();

        var kept = await Task.WhenAll(keys.Select(key => Task.Run(() => ring.AddFirstAsync("key", key, Ct), Ct)));

        kept.Count(k => k).ShouldBe(1);
        (await ring.ListAsync(Ct)).ShouldBe([keys[Array.IndexOf(kept, true)]]);
        (await ring.AddFirstAsync("key", """<key id="late" version="1" />""", Ct)).ShouldBeFalse();
        (await ring.ListAsync(Ct)).Count.ShouldBe(1);
    }
}
