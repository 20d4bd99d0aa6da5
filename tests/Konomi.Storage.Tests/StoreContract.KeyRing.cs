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
}
