using System.Xml.Linq;
using Konomi.Testing;
using static Konomi.Storage.Tests.Layering.ProjectGraph;

namespace Konomi.Storage.Tests.Layering;

/// <summary>
/// Ports and adapters as projects: services and domain libraries see only the ports, and only the edge (hosts,
/// the CLI, benchmarks, tests) pulls in an adapter, so no service carries MongoDB.Driver or SQLite by accident.
/// </summary>
public sealed class AdapterReferenceTests
{
    static readonly string[] Adapters = ["Konomi.Storage.Sqlite", "Konomi.Storage.Mongo", "Konomi.Storage.Hosting"];

    /// <summary>Every project but the edge: service libraries, shared libraries, the web pages.</summary>
    public static TheoryData<string> Inner =>
    [
        .. Projects.Select(p => Path.GetRelativePath(Repository.Root, p))
            .Where(p => !IsEdge(p) && !Adapters.Contains(Path.GetFileNameWithoutExtension(p)))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Inner))]
    public void An_inner_project_reaches_no_storage_adapter_even_through_another_project(string project)
    {
        var reached = Closure(Path.GetFullPath(Path.Combine(Repository.Root, project))).Select(Path.GetFileNameWithoutExtension);

        reached.Intersect(Adapters).ShouldBeEmpty($"{project} must reference only the storage ports (shared/Storage)");
    }

    [Fact]
    public void The_ports_carry_no_database_driver_nor_web_framework()
    {
        var ports = XDocument.Load(Path.Combine(Repository.Root, "shared", "Storage", "Konomi.Storage.csproj"));

        ports.Descendants("PackageReference").Select(p => p.Attribute("Include")!.Value)
            .ShouldAllBe(package => package.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) && !package.Contains("Sqlite"));
        ports.Descendants("FrameworkReference").ShouldBeEmpty("the ports need abstractions, not ASP.NET Core");
        ports.Descendants("ProjectReference").Select(p => Path.GetFileNameWithoutExtension(p.Attribute("Include")!.Value))
            .ShouldBe(["Konomi.Contracts"]);
    }

    [Fact]
    public void Every_service_host_composes_a_store()
    {
        var hosts = Projects.Where(p => Path.GetFileNameWithoutExtension(p).EndsWith(".Host", StringComparison.Ordinal)).ToList();

        hosts.ShouldNotBeEmpty();
        hosts.ShouldAllBe(h => Closure(h).Any(p => Path.GetFileNameWithoutExtension(p) == "Konomi.Storage.Hosting"));
    }

    // The edge: a deployable host, the konomi command, the benchmark program, and tests.
    static bool IsEdge(string relative)
    {
        var name = Path.GetFileNameWithoutExtension(relative);
        return name.EndsWith(".Host", StringComparison.Ordinal) || name is "Konomi.Cli" or "Konomi.Benchmarks"
            || relative.StartsWith("tests" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
