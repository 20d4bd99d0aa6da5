using System.Text.Json.Nodes;
using Konomi.Testing;

namespace Konomi.Deploy.Tests;

/// <summary>Every overlay renders offline and passes schema, unknown-field and hardening checks; each overlay does its job.</summary>
public class KubernetesOverlayTests
{
    static readonly string[] Services = ["crawler", "inference", "trainer", "notifier", "feedback", "web"];

    public static TheoryData<string> Overlays => [.. Directory.GetDirectories(Manifests.Overlays).Select(d => Path.GetFileName(d)!)];

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_renders_to_valid_hardened_objects_for_every_service(string overlay)
    {
        var objects = await Manifests.RenderAsync(overlay, TestContext.Current.CancellationToken);

        foreach (var service in Services)
        {
            var container = objects.Named("Deployment", service).Container();
            ((string)container["image"]!).ShouldStartWith($"konomi/{service}");
            objects.Named("Service", service);
        }
        objects.Named("Namespace", "konomi");
        objects.Where(o => (string?)o!["kind"] != "Namespace")
            .ShouldAllBe(o => (string?)o!["metadata"]!["namespace"] == "konomi");
    }

    [Fact]
    public async Task Crawler_runs_as_exactly_one_replica_never_two_at_once()
    {
        var objects = await Manifests.RenderAsync("cpu", TestContext.Current.CancellationToken);

        var crawler = objects.Named("Deployment", "crawler");
        ((int)crawler["spec"]!["replicas"]!).ShouldBe(1);
        ((string)crawler["spec"]!["strategy"]!["type"]!).ShouldBe("Recreate");
    }

    [Fact]
    public async Task Gpu_overlay_puts_inference_on_a_gpu_node_with_the_cuda_image()
    {
        var objects = await Manifests.RenderAsync("gpu", TestContext.Current.CancellationToken);

        var pod = objects.Named("Deployment", "inference")["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        ((string)container["image"]!).ShouldStartWith("konomi/inference-cuda:");
        container.Env("TasteModels__Device").ShouldBe("cuda");
        ((int)container["resources"]!["limits"]!["nvidia.com/gpu"]!).ShouldBe(1);
        pod["tolerations"]!.AsArray().ShouldContain(t => (string)t!["key"]! == "nvidia.com/gpu" && (string)t["effect"]! == "NoSchedule");
        pod["nodeSelector"]!.AsObject().Count.ShouldBeGreaterThan(0);
        foreach (var other in Services.Where(s => s != "inference"))
            objects.Named("Deployment", other)["spec"]!["template"]!["spec"]!["nodeSelector"].ShouldBeNull();
    }

    [Theory]
    [InlineData("keda")]
    [InlineData("gpu-keda")]
    public async Task Keda_overlay_scales_inference_on_its_queue_with_no_second_autoscaler(string overlay)
    {
        var objects = await Manifests.RenderAsync(overlay, TestContext.Current.CancellationToken);

        var scaled = objects.Named("ScaledObject", "inference");
        ((string)scaled["spec"]!["scaleTargetRef"]!["name"]!).ShouldBe("inference");
        var trigger = scaled["spec"]!["triggers"]![0]!;
        ((string)trigger["type"]!).ShouldBe("rabbitmq");
        ((string)trigger["metadata"]!["queueName"]!).ShouldBe(InferenceQueue.Name);
        objects.OfKind("HorizontalPodAutoscaler").ShouldBeEmpty();
        objects.Named("Deployment", "inference")["spec"]!["replicas"].ShouldBeNull();
    }

    [Fact]
    public async Task Http_feedback_overlay_switches_feedback_to_http_and_publishes_only_the_interactions_path()
    {
        var objects = await Manifests.RenderAsync("http-feedback", TestContext.Current.CancellationToken);

        objects.Named("Deployment", "feedback").Container().Env("Feedback__Mode").ShouldBe("http");
        var paths = objects.Named("Ingress", "feedback")["spec"]!["rules"]!.AsArray()
            .SelectMany(r => r!["http"]!["paths"]!.AsArray()).ToList();
        paths.ShouldHaveSingleItem();
        ((string)paths[0]!["path"]!).ShouldBe("/slack/interactions");
        ((string)paths[0]!["pathType"]!).ShouldBe("Exact");
    }

    [Fact]
    public async Task Web_ingress_overlay_publishes_every_page_and_never_metrics_or_health()
    {
        var objects = await Manifests.RenderAsync("web-ingress", TestContext.Current.CancellationToken);

        objects.Named("Deployment", "web").Container().Env("ASPNETCORE_FORWARDEDHEADERS_ENABLED").ShouldBe("true");
        var ingress = objects.Named("Ingress", "web")["spec"]!;
        ingress["tls"]!.AsArray().ShouldNotBeEmpty();
        var paths = ingress["rules"]!.AsArray().SelectMany(r => r!["http"]!["paths"]!.AsArray())
            .Select(p => ((string)p!["path"]!, (string)p["pathType"]!)).ToList();
        // Every Razor page of the web app (Index is "/"), read from its sources, so a new page is not left unpublished.
        var pages = Directory.GetFiles(Path.Combine(Repository.Root, "web", "Konomi.Web", "Pages"), "*.cshtml")
            .Where(f => File.ReadLines(f).FirstOrDefault()?.StartsWith("@page") == true)
            .Select(f => Path.GetFileNameWithoutExtension(f) is "Index" ? "/" : "/" + Path.GetFileNameWithoutExtension(f).ToLowerInvariant());
        foreach (var page in pages.Append("/assets/konomi.css"))
            paths.Any(p => Published(p, page)).ShouldBeTrue($"{page} is not published");
        foreach (var inside in new[] { "/metrics", "/health/live", "/health/ready", "/score" })
            paths.Any(p => Published(p, inside)).ShouldBeFalse($"{inside} is published");

        static bool Published((string Path, string Type) rule, string path) => rule.Type == "Exact"
            ? path == rule.Path
            : path == rule.Path || path.StartsWith(rule.Path.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_overlay_brings_its_own_broker_and_store_and_secrets()
    {
        var objects = await Manifests.RenderAsync("dev", TestContext.Current.CancellationToken);

        objects.Named("StatefulSet", "rabbitmq");
        objects.Named("StatefulSet", "mongodb");
        var secret = objects.Named("Secret", "konomi-secrets");
        secret["data"]!.AsObject().Select(p => p.Key).ShouldContain("ConnectionStrings__Mongo");
    }

    [Fact]
    public async Task Validator_reports_unknown_fields_unpinned_images_weak_hardening_and_missing_probes()
    {
        var ct = TestContext.Current.CancellationToken;
        var rendered = (await Manifests.KustomizeAsync("keda", ct)).Output;
        var broken = rendered
            .Replace("readinessProbe:", "readinesProbe:")
            .Replace("konomi/trainer:0.1.0", "konomi/trainer:latest")
            .Replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")
            .Replace("maxReplicaCount: 8", "maxReplicaCount: 8\n  maxReplicas: 3");
        var file = Path.Combine(Directory.CreateTempSubdirectory("konomi-k8s-").FullName, "broken.yaml");
        await File.WriteAllTextAsync(file, broken, ct);

        var result = await Manifests.ValidateAsync([file], ct);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("Deployment/crawler: unknown field spec.template.spec.containers[0].readinesProbe");
        result.Error.ShouldContain("Deployment/crawler: container crawler: readinessProbe missing");
        result.Error.ShouldContain("konomi/trainer:latest must carry a pinned tag");
        result.Error.ShouldContain("Deployment/inference: container inference: readOnlyRootFilesystem must be true");
        result.Error.ShouldContain("ScaledObject/inference: unknown field spec.maxReplicas");
    }

    [Fact]
    public async Task Secret_template_is_a_valid_secret_with_placeholders_only()
    {
        var result = await Manifests.ValidateAsync([Manifests.SecretTemplate], TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.ToString());
        var entries = JsonNode.Parse(result.Output)!.AsArray().SelectMany(s => s!["stringData"]!.AsObject()).ToList();
        entries.ShouldNotBeEmpty();
        foreach (var (key, value) in entries)
            ((string)value!).ShouldSatisfyAllConditions(
                v => (key.EndsWith("Username") ? v == "konomi" : v.Contains("CHANGE-ME")).ShouldBeTrue($"{key} holds a real-looking value"));
    }
}
