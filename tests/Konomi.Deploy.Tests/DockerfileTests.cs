using System.Text.RegularExpressions;
using Konomi.Testing;

namespace Konomi.Deploy.Tests;

/// <summary>
/// No Docker engine here, so the Dockerfiles are checked against the repository they build: the
/// project they publish exists and produces the dll they start, and the runtime stage is hardened.
/// </summary>
public partial class DockerfileTests
{
    static readonly string ServiceDockerfile = Path.Combine(Repository.Root, "services", "Dockerfile");

    /// <summary>The Dockerfiles that build one fixed project; services/Dockerfile builds any service (below).</summary>
    public static TheoryData<string> Dockerfiles =>
    [
        .. Directory.GetFiles(Path.Combine(Repository.Root, "services"), "Dockerfile.*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).Length > 0)
            .Select(f => Path.GetRelativePath(Repository.Root, f)),
        "cli/Dockerfile",
        "web/Dockerfile",
    ];

    public static TheoryData<string> Services => [.. Manifests.ServiceNames()];

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_publishes_a_real_project_and_starts_its_assembly_as_a_non_root_user(string dockerfile)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, dockerfile));

        var project = Publish().Match(text).Groups["project"].Value;
        text.ShouldContain($"ENTRYPOINT [\"dotnet\", \"{Assembly(project)}.dll\"]");
        RunsHardened(text);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_service_image_publishes_that_services_host_and_starts_its_assembly_as_a_non_root_user(string service)
    {
        var text = File.ReadAllText(ServiceDockerfile);

        var project = Publish().Match(text).Groups["project"].Value.Replace("$SERVICE", service);
        var host = Directory.GetDirectories(Path.Combine(Repository.Root, Path.GetDirectoryName(project)!), Path.GetFileName(project)).ShouldHaveSingleItem();
        var apphost = RenamedApphost().Match(text);
        apphost.Groups["built"].Value.Replace("$SERVICE", service).ShouldBe(Assembly(Path.GetRelativePath(Repository.Root, host)));
        text.ShouldContain($"ENTRYPOINT [\"/app/{apphost.Groups["fixed"].Value}\"]");
        RunsHardened(text);
    }

    [Fact]
    public void Service_image_is_chiseled_and_checks_its_own_liveness()
    {
        var text = File.ReadAllText(ServiceDockerfile);

        text.ShouldContain("FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra");
        text.ShouldContain("HEALTHCHECK");
        text.ShouldContain("CMD [\"dotnet\", \"/healthcheck/konomi-healthcheck.dll\"]");
    }

    static string Assembly(string project)
    {
        var csproj = Directory.GetFiles(Path.Combine(Repository.Root, project), "*.csproj").ShouldHaveSingleItem();
        return AssemblyName().Match(File.ReadAllText(csproj)).Groups["name"].Value;
    }

    static void RunsHardened(string dockerfile)
    {
        var runtime = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        runtime.ShouldNotContain("/sdk:");
        Regex.IsMatch(runtime, @"\nUSER (\$APP_UID|1654)\n").ShouldBeTrue("the runtime stage must run as the non-root app user");
    }

    [Fact]
    public void Cuda_image_builds_with_the_gpu_runtime_and_selects_the_cuda_device()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "services", "inference", "Dockerfile.cuda"));
        var csproj = File.ReadAllText(Path.Combine(Repository.Root, "services", "inference", "Konomi.Inference.Host", "Konomi.Inference.Host.csproj"));

        text.ShouldContain("-p:InferenceDevice=cuda");
        text.ShouldContain("TasteModels__Device=cuda");
        text.ShouldContain("nvidia/cuda:13");
        csproj.ShouldContain("Condition=\"'$(InferenceDevice)' == 'cuda'\"");
        csproj.ShouldContain("Microsoft.ML.OnnxRuntime.Gpu.Linux");
    }

    [GeneratedRegex(@"dotnet publish (?<project>\S+)")]
    private static partial Regex Publish();

    [GeneratedRegex(@"mv /app/(?<built>\S+) /app/(?<fixed>\S+)")]
    private static partial Regex RenamedApphost();

    [GeneratedRegex(@"<AssemblyName>(?<name>[^<]+)</AssemblyName>")]
    private static partial Regex AssemblyName();
}
