using Konomi.Storage;

namespace Konomi.Cli;

/// <summary>
/// One <c>konomi run</c> or crawling <c>konomi crawl</c> per embedded store: a second one would crawl DLsite beside
/// the first (two clients where DLsite asks for one polite one), and a second run would train the same users twice. The OS drops the lock when the process ends,
/// however it ends, so a killed run never leaves the store locked.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = "konomi.run.lock";

    readonly FileStream _file;

    RunLock(FileStream file) => _file = file;

    /// <summary>Null for MongoDB, whose replicas share one database by design.</summary>
    public static RunLock? Take(IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (!options.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase)) return null;
        var folder = options.ExpandedDataDirectory();
        Directory.CreateDirectory(folder);
        try
        {
            // FileShare.None is an exclusive flock on Unix: a second process is refused, not blocked.
            return new RunLock(new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new CliException($"another `konomi run` or `konomi crawl` is already using {folder}: stop it (Ctrl+C) first, or give this one its own --data-dir.");
        }
    }

    public void Dispose() => _file.Dispose();
}
