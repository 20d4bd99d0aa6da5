using System.Text.Json.Nodes;

namespace Konomi.Deploy.Tests;

/// <summary>Lookups over rendered Kubernetes objects.</summary>
public static class K8sObjects
{
    public static JsonNode Named(this JsonArray objects, string kind, string name) =>
        objects.SingleOrDefault(o => (string?)o!["kind"] == kind && (string?)o["metadata"]!["name"] == name)
        ?? throw new ShouldAssertException($"no {kind}/{name} rendered");

    public static IEnumerable<JsonNode> OfKind(this JsonArray objects, string kind) =>
        objects.Where(o => (string?)o!["kind"] == kind)!;

    public static JsonNode Container(this JsonNode deployment) => deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;

    public static string? Env(this JsonNode container, string name) =>
        (string?)container["env"]?.AsArray().FirstOrDefault(e => (string?)e!["name"] == name)?["value"];
}
