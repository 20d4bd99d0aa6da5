namespace Konomi.Crawler.DLsite;

/// <summary>A page as fetched: its body and the address it came from after redirects, which its relative links are relative to.</summary>
public sealed record DLsiteDocument(Uri Address, string Body);
