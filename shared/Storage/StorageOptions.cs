using System.ComponentModel.DataAnnotations;

namespace Konomi.Storage;

/// <summary>Section <c>Storage</c>: <c>sqlite</c> (embedded, the default) or <c>mongo</c> (<c>ConnectionStrings:Mongo</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Provider { get; set; } = "sqlite";

    /// <summary>Where the SQLite file lives; <c>~</c> expands to the home folder.</summary>
    [Required(ErrorMessage = "Storage:DataDirectory is required")]
    public string DataDirectory { get; set; } = "~/.konomi";

    /// <summary>
    /// How large konomi.db may grow, in megabytes (SQLite only; unset: as large as the disk allows). For a small disk
    /// shared with other things: past it Konomi waits as on a full disk, and retention or a larger cap lets it carry on.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "Storage:MaxSizeMb must be a whole number of megabytes, at least 1")]
    public int? MaxSizeMb { get; set; }

    public string ExpandedDataDirectory()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (DataDirectory == "~") return home;
        return DataDirectory.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(home, DataDirectory[2..])
            : Path.GetFullPath(DataDirectory);
    }
}
