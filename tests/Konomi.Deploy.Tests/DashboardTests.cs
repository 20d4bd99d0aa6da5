using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;

namespace Konomi.Deploy.Tests;

/// <summary>
/// deploy/grafana/dashboards/konomi.json against what a running host really exports on /metrics: a
/// host wired with the services' ServiceDefaults and bus, a consumer that faults once (MassTransit's
/// consume, error and duration metrics), and one measurement in every KonomiTelemetry instrument with
/// the tag keys the services record it with. A renamed instrument, a unit the exporter appends or a
/// label no service sets fails here.
/// </summary>
public partial class DashboardTests(DashboardScrape scrape)
{
    static readonly string DashboardFile = Path.Combine(Repository.Root, "deploy", "grafana", "dashboards", "konomi.json");

    [Fact]
    public void Dashboard_queries_the_provisioned_Prometheus_datasource()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardFile))!;
        var provisioned = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "grafana", "provisioning", "datasources", "prometheus.yaml"));
        var uid = Regex.Match(provisioned, @"uid: (\S+)").Groups[1].Value;

        ((string)dashboard["uid"]!).ShouldBe("konomi");
        Targets(dashboard).ShouldNotBeEmpty();
        Targets(dashboard).ShouldAllBe(t => (string)t["datasource"]!["uid"]! == uid && (string)t["datasource"]!["type"]! == "prometheus");
    }

    [Fact]
    public async Task Every_dashboard_query_names_metrics_and_labels_a_running_host_exports()
    {
        var ct = TestContext.Current.CancellationToken;
        var series = scrape.Exposition.Split('\n').Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => Series().Match(l)).Where(m => m.Success)
            .GroupBy(m => m.Groups["name"].Value)
            .ToDictionary(g => g.Key, g => g.SelectMany(m => Label().Matches(m.Groups["labels"].Value).Select(l => l.Groups[1].Value)).ToHashSet());

        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(DashboardFile, ct))!;
        foreach (var expr in Targets(dashboard).Select(t => (string)t["expr"]!))
        {
            var metrics = Metrics(expr);
            metrics.ShouldNotBeEmpty(expr);
            foreach (var metric in metrics)
            {
                series.ShouldContainKey(metric, $"{expr}: {metric} is not exported; exported: {string.Join(", ", series.Keys.Where(k => k.StartsWith(metric[..metric.IndexOf('_')])))}");
                foreach (var label in GroupedBy().Matches(expr).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)).Where(l => l != "le"))
                    series[metric].ShouldContain(label, $"{expr}: {metric} has no label {label}");
            }
        }
        var queried = Targets(dashboard).SelectMany(t => Metrics((string)t["expr"]!)).ToHashSet();
        foreach (var instrument in Instruments())
            queried.ShouldContain(n => n.StartsWith(instrument.Name.Replace('.', '_')), $"the dashboard shows nothing of {instrument.Name}");
    }

    [Fact]
    public void Every_instrument_the_dashboard_shows_is_recorded_by_a_service()
    {
        foreach (var field in typeof(KonomiTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.GetValue(null) is Instrument))
            TagKeys(field.Name).ShouldNotBeNull($"no service records KonomiTelemetry.{field.Name}");
    }

    internal static async Task<string> ScrapeRunningHostAsync(CancellationToken ct)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(DashboardTests).Assembly.GetName().Name });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddServiceDefaults();
        builder.Services.AddKonomiConsumers(x => x.AddConsumer<FaultsOnceConsumer>());
        builder.AddKonomiBus();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(ct);

        await app.Services.GetRequiredService<IBus>().Publish(new FeedbackReceived("RJ01234567", "alice", true, "test", DateTimeOffset.UtcNow, null), ct);
        foreach (var field in typeof(KonomiTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.GetValue(null) is Instrument))
            Record(field.GetValue(null)!, [.. (TagKeys(field.Name) ?? []).Select(k => new KeyValuePair<string, object?>(k, "x"))]);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        // The fault and its retry land on the bus's own schedule; on a busy machine that can take seconds.
        for (var attempt = 0; ; attempt++)
        {
            var text = await http.GetStringAsync("metrics", ct);
            if (text.Contains("messaging_masstransit_consume_errors") && text.Contains("messaging_masstransit_consume_duration") || attempt == 600)
                return text;
            await Task.Delay(100, ct);
        }
    }

    static void Record(object instrument, KeyValuePair<string, object?>[] tags)
    {
        switch (instrument)
        {
            case Counter<long> c: c.Add(1, tags); break;
            case Histogram<double> h: h.Record(0.5, tags); break;
            case Histogram<long> h: h.Record(3, tags); break;
            case Gauge<double> g: g.Record(0.8, tags); break;
            default: throw new InvalidOperationException($"No way to record into {instrument.GetType()}: extend the dashboard test.");
        }
    }

    /// <summary>Tag keys used in the service sources that record into the instrument; null when none does.</summary>
    static HashSet<string>? TagKeys(string field)
    {
        var sources = Directory.GetFiles(Path.Combine(Repository.Root, "services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText)
            .Where(s => Regex.IsMatch(s, $@"KonomiTelemetry\.{field}\.(Add|Record)\("))
            .ToList();
        return sources.Count == 0 ? null : [.. sources.SelectMany(s => TagKey().Matches(s).Select(m => m.Groups[1].Value))];
    }

    /// <summary>Metric names in a query: label names in <c>by (...)</c> and <c>{...}</c> are not metrics.</summary>
    static List<string> Metrics(string expr) =>
        [.. MetricName().Matches(Selector().Replace(GroupedBy().Replace(expr, ""), "")).Select(m => m.Value).Distinct()];

    static IEnumerable<Instrument> Instruments() =>
        typeof(KonomiTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetValue(null)).OfType<Instrument>();

    static List<JsonNode> Targets(JsonNode dashboard) =>
        [.. dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]?.AsArray() ?? []).Select(t => t!)];

    [GeneratedRegex(@"\b(?:konomi|messaging)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"\bby \(([^)]*)\)")]
    private static partial Regex GroupedBy();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? ")]
    private static partial Regex Series();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex Label();

    [GeneratedRegex(@"(?:new|KeyValuePair<string, object\?>)\(""([a-z_]+)""")]
    private static partial Regex TagKey();
}

/// <summary>Fails the first delivery of each message, so the bus records a consume fault, then succeeds.</summary>
public sealed class FaultsOnceConsumer : IConsumer<FeedbackReceived>
{
    public Task Consume(ConsumeContext<FeedbackReceived> context) =>
        context.GetRetryAttempt() == 0 ? throw new InvalidOperationException("first attempt fails on purpose") : Task.CompletedTask;
}
