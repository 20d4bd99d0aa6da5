using Konomi.Testing;

namespace Konomi.Crawler.Tests;

/// <summary>The real DLsite pages in ../shared/fixtures/dlsite, read in place.</summary>
static class Fixtures
{
    public static string Path(string name) => Repository.Fixture(System.IO.Path.Combine("dlsite", name));

    public static string Read(string name) => File.ReadAllText(Path(name));
}
