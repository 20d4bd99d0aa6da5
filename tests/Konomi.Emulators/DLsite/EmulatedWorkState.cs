namespace Konomi.Emulators.DLsite;

public enum EmulatedWorkState
{
    Released,
    /// <summary>予告: product.json says is_ana, the announce page answers, the work URL is 404 (as on DLsite).</summary>
    Announced,
    /// <summary>The work page is DLsite's HTTP-200 "お住いの国・地域からは本作品は購入できません。" box; product.json still answers.</summary>
    RegionBlocked,
    /// <summary>The work page is HTML that is no work page at all (a broken template).</summary>
    Malformed,
    /// <summary>
    /// Listed, yet product.json answers <c>[]</c> and the work URL is 404 (the announce page answers): what DLsite serves for a
    /// work not on sale yet, or removed.
    /// </summary>
    NotOnSale,
}
