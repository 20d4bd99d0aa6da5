using System.Xml.Linq;
using Konomi.Testing;

namespace Konomi.Storage.Tests.Layering;

/// <summary>The repository's project files and what each reaches through its project references.</summary>
static class ProjectGraph
{
    public static readonly List<string> Projects = [.. Directory
        .EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
        .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or ".test-state"))
        .Select(Path.GetFullPath)];

    /// <summary>Every project <paramref name="project"/> references, and those they reference, as full paths.</summary>
    public static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>();
        var next = new Stack<string>([project]);
        while (next.TryPop(out var current))
            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                if (seen.Add(path)) next.Push(path);
            }
        return seen;
    }
}
