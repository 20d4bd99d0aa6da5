using Konomi.Storage;

namespace Konomi.Cli;

/// <summary>
/// The embedded store's folder as every command sees it. Commands that only read refuse a folder without a store,
/// so a mistyped <c>--data-dir</c> says so instead of showing an empty store (and leaving an empty one behind);
/// <c>run</c>, <c>crawl</c> and the imports may create it.
/// </summary>
public static class DataDirectory
{
    public static void Check(IConfiguration configuration, bool mayCreate)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (!options.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase)) return;
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            throw new CliException("the data directory is empty; give --data-dir a folder.");
        var folder = options.ExpandedDataDirectory();
        if (File.Exists(folder))
            throw new CliException($"the data directory {folder} is a file, not a folder; give --data-dir a folder.");
        var store = Path.Combine(folder, Storage.Sqlite.SqliteDatabase.FileName);
        if (Directory.Exists(store))
            throw new CliException($"{store} is a folder, not a Konomi store; move it away, or give --data-dir the folder that holds the store.");
        if (mayCreate || File.Exists(store)) return;
        throw new CliException(Directory.Exists(folder)
            ? $"no Konomi store in {folder} (no {Storage.Sqlite.SqliteDatabase.FileName}); check --data-dir, or start one with `konomi run` or `konomi crawl --backfill`."
            : $"the data directory {folder} does not exist; check --data-dir, or start one with `konomi run` or `konomi crawl --backfill`.");
    }
}
