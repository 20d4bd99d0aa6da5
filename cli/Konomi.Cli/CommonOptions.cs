using System.CommandLine;

namespace Konomi.Cli;

/// <summary>Options several commands share, so they are spelled and explained once.</summary>
public static class CommonOptions
{
    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Folder of the embedded SQLite store (default: Storage:DataDirectory, else ~/.konomi)",
    };

    public static Option<string?> BaseUrl() => new("--base-url")
    {
        Description = "Crawl this origin instead of https://www.dlsite.com (e.g. a local emulator)",
    };
}
