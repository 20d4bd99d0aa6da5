using Konomi.Testing;
using static Konomi.Storage.Tests.Layering.ProjectGraph;

namespace Konomi.Storage.Tests.Layering;

/// <summary>
/// A service library is deployed as its own service: it may stand on the shared libraries, never on another service,
/// so what two services both need (the trainer's settings that say how many labels a first model needs) lives below them.
/// </summary>
public sealed class ServiceReferenceTests
{
    static readonly string Services = Path.Combine(Repository.Root, "services") + Path.DirectorySeparatorChar;

    /// <summary>The service libraries: <c>services/&lt;name&gt;/Konomi.&lt;Name&gt;</c>, not their hosts.</summary>
    public static TheoryData<string> Libraries =>
    [
        .. Projects.Where(p => p.StartsWith(Services, StringComparison.Ordinal) && !Path.GetFileNameWithoutExtension(p).EndsWith(".Host", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Repository.Root, p))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Libraries))]
    public void A_service_library_reaches_no_other_service_even_through_another_project(string project)
    {
        var own = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Repository.Root, project))))! + Path.DirectorySeparatorChar;

        Closure(Path.Combine(Repository.Root, project)).Where(p => p.StartsWith(Services, StringComparison.Ordinal) && !p.StartsWith(own, StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Repository.Root, p))
            .ShouldBeEmpty($"{project} must not depend on another service: what both need belongs in shared/");
    }
}
