using System.Text.Json.Nodes;
using Konomi.Hosting;
using Konomi.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Konomi.Deploy.Tests;

/// <summary>
/// Renders deploy/k8s overlays with <c>kubectl kustomize</c> and runs validate/validate.mjs over them,
/// with what the repository says: the images its Dockerfiles build, the bus StopTimeout, the Secrets
/// the template documents.
/// </summary>
public static class Manifests
{
    public static string Overlays => Path.Combine(Repository.Root, "deploy", "k8s", "overlays");
    public static string SecretTemplate => Path.Combine(Repository.Root, "deploy", "k8s", "secret.example.yaml");

    /// <summary>
    /// konomi/&lt;service&gt; for each service services/Dockerfile builds (a folder with a Konomi.*.Host), -cuda for a
    /// service's own Dockerfile.cuda, konomi/cli, konomi/web.
    /// </summary>
    public static IReadOnlyList<string> BuiltImages() =>
    [
        .. File.Exists(Path.Combine(Repository.Root, "services", "Dockerfile")) ? ServiceNames().Select(s => $"konomi/{s}") : [],
        .. Directory.GetFiles(Path.Combine(Repository.Root, "services"), "Dockerfile.cuda", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => $"konomi/{Path.GetFileName(Path.GetDirectoryName(f))}-cuda"),
        .. File.Exists(Path.Combine(Repository.Root, "cli", "Dockerfile")) ? ["konomi/cli"] : Array.Empty<string>(),
        .. File.Exists(Path.Combine(Repository.Root, "web", "Dockerfile")) ? ["konomi/web"] : Array.Empty<string>(),
    ];

    /// <summary>The folders under services/ that hold a deployable host.</summary>
    public static IEnumerable<string> ServiceNames() =>
        Directory.GetDirectories(Path.Combine(Repository.Root, "services"))
            .Where(d => Directory.GetDirectories(d, "Konomi.*.Host").Length == 1)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static TimeSpan BusStopTimeout()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddKonomiBus();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<MassTransitHostOptions>>().Value.StopTimeout!.Value;
    }

    public static async Task<Command> KustomizeAsync(string overlay, CancellationToken ct) =>
        await Command.RunAsync("kubectl", ["kustomize", Path.Combine(Overlays, overlay)], ct);

    /// <summary>Validates YAML files; the objects as JSON on success, the validator's complaints otherwise.</summary>
    public static async Task<Command> ValidateAsync(IEnumerable<string> files, CancellationToken ct)
    {
        var modules = Environment.GetEnvironmentVariable("KONOMI_NODE_MODULES")
            ?? throw new InvalidOperationException("KONOMI_NODE_MODULES is not set: run the tests with ./test.sh (tests/infra.sh installs the validators).");
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "validate", "validate.mjs"),
            "--images", string.Join(',', BuiltImages()),
            "--stop-timeout", BusStopTimeout().TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--known-secrets", string.Join(',', await DocumentedSecretsAsync(ct)),
            .. files,
        ];
        return await Command.RunAsync("node", arguments, ct, new Dictionary<string, string> { ["KONOMI_NODE_MODULES"] = modules });
    }

    /// <summary>Renders and validates an overlay; fails the test with every complaint when it is not valid.</summary>
    public static async Task<JsonArray> RenderAsync(string overlay, CancellationToken ct)
    {
        var rendered = await KustomizeAsync(overlay, ct);
        rendered.ExitCode.ShouldBe(0, rendered.ToString());
        var file = Path.Combine(Directory.CreateTempSubdirectory("konomi-k8s-").FullName, $"{overlay}.yaml");
        await File.WriteAllTextAsync(file, rendered.Output, ct);
        var validated = await ValidateAsync([file], ct);
        validated.ExitCode.ShouldBe(0, $"{overlay}: {validated}");
        return JsonNode.Parse(validated.Output)!.AsArray();
    }

    static async Task<IEnumerable<string>> DocumentedSecretsAsync(CancellationToken ct)
    {
        var modules = Environment.GetEnvironmentVariable("KONOMI_NODE_MODULES")!;
        var parsed = await Command.RunAsync("node", [Path.Combine(AppContext.BaseDirectory, "validate", "validate.mjs"), SecretTemplate], ct,
            new Dictionary<string, string> { ["KONOMI_NODE_MODULES"] = modules });
        parsed.ExitCode.ShouldBe(0, parsed.ToString());
        return JsonNode.Parse(parsed.Output)!.AsArray().Select(o => (string)o!["metadata"]!["name"]!);
    }
}
