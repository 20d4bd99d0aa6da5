namespace Konomi.Testing;

/// <summary>Paths inside the repository and to <c>../shared</c> beside it, wherever tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared</c> next to the clone: fixtures, data and reference notes (read-only).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Fixture(string relative) => Path.Combine(Shared, "fixtures", relative);

    /// <summary>The build configuration these tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Konomi.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Konomi.slnx not found above " + AppContext.BaseDirectory);
    }
}
