using System.Text.RegularExpressions;
using Konomi.Testing;

namespace Konomi.Deploy.Tests;

/// <summary>
/// No Docker engine here, so the Dockerfiles are checked against the repository they build: the
/// project they publish exists and produces the dll they start, and the runtime stage is hardened.
/// </summary>
public partial class DockerfileTests
{
    public static TheoryData<string> Dockerfiles =>
    [
        .. Directory.GetFiles(Path.Combine(Repository.Root, "services"), "Dockerfile*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f)),
        "cli/Dockerfile",
    ];

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_publishes_a_real_project_and_starts_its_assembly_as_a_non_root_user(string dockerfile)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, dockerfile));

        var project = Publish().Match(text).Groups["project"].Value;
        var csproj = Directory.GetFiles(Path.Combine(Repository.Root, project), "*.csproj").ShouldHaveSingleItem();
        var assembly = AssemblyName().Match(File.ReadAllText(csproj)).Groups["name"].Value;
        text.ShouldContain($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]");

        var runtime = text[text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        runtime.ShouldNotContain("/sdk:");
        Regex.IsMatch(runtime, @"\nUSER (\$APP_UID|1654)\n").ShouldBeTrue("the runtime stage must run as the non-root app user");
    }

    [Theory]
    [InlineData("crawler")]
    [InlineData("inference")]
    [InlineData("trainer")]
    [InlineData("notifier")]
    [InlineData("feedback")]
    public void Service_image_is_chiseled_and_checks_its_own_liveness(string service)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "services", service, "Dockerfile"));

        text.ShouldContain("FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra");
        text.ShouldContain("HEALTHCHECK");
        text.ShouldContain("CMD [\"dotnet\", \"/healthcheck/konomi-healthcheck.dll\"]");
    }

    [Fact]
    public void Cuda_image_builds_with_the_gpu_runtime_and_selects_the_cuda_device()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "services", "inference", "Dockerfile.cuda"));
        var csproj = File.ReadAllText(Path.Combine(Repository.Root, "services", "inference", "Konomi.Inference.Host", "Konomi.Inference.Host.csproj"));

        text.ShouldContain("-p:InferenceDevice=cuda");
        text.ShouldContain("Inference__Device=cuda");
        text.ShouldContain("nvidia/cuda:13");
        csproj.ShouldContain("Condition=\"'$(InferenceDevice)' == 'cuda'\"");
        csproj.ShouldContain("Microsoft.ML.OnnxRuntime.Gpu.Linux");
    }

    [GeneratedRegex(@"dotnet publish (?<project>\S+)")]
    private static partial Regex Publish();

    [GeneratedRegex(@"<AssemblyName>(?<name>[^<]+)</AssemblyName>")]
    private static partial Regex AssemblyName();
}
