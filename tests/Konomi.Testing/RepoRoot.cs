namespace Konomi.Testing;

/// <summary>The repository root (the folder holding Konomi.slnx), found by walking up from the test binaries.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path under the repository root, e.g. <c>At("..", "shared", "fixtures")</c>.</summary>
    public static string At(params string[] parts) => System.IO.Path.GetFullPath(System.IO.Path.Combine([Path, .. parts]));

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Konomi.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"No Konomi.slnx above {AppContext.BaseDirectory}.");
    }
}
