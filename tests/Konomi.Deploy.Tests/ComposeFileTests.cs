using Konomi.Testing;

namespace Konomi.Deploy.Tests;

/// <summary>docker-compose.yml as docker-compose itself reads it (offline: <c>config</c>), with the documented .env.</summary>
public class ComposeFileTests
{
    static readonly string Compose = Path.Combine(Repository.Root, "docker-compose.yml");
    static readonly string EnvExample = Path.Combine(Repository.Root, ".env.example");

    [Fact]
    public async Task Compose_file_is_valid_with_the_documented_env_file()
    {
        var result = await Command.RunAsync("docker-compose", ["-f", Compose, "--env-file", EnvExample, "config", "-q"], TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.ToString());
    }

    [Fact]
    public async Task Compose_refuses_to_start_without_passwords_and_says_which()
    {
        var empty = Path.Combine(Directory.CreateTempSubdirectory("konomi-compose-").FullName, ".env");
        await File.WriteAllTextAsync(empty, "", TestContext.Current.CancellationToken);

        var result = await Command.RunAsync("docker-compose", ["-f", Compose, "--env-file", empty, "config", "-q"], TestContext.Current.CancellationToken);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("set RABBITMQ_PASSWORD in .env");
    }

    [Fact]
    public async Task Compose_refuses_to_start_the_web_app_without_its_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var env = Path.Combine(Directory.CreateTempSubdirectory("konomi-compose-").FullName, ".env");
        var lines = (await File.ReadAllLinesAsync(EnvExample, ct)).Where(l => !l.StartsWith("WEB_TOKEN=", StringComparison.Ordinal));
        await File.WriteAllLinesAsync(env, lines, ct);

        var result = await Command.RunAsync("docker-compose", ["-f", Compose, "--env-file", env, "config", "-q"], ct);

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("set WEB_TOKEN in .env");
    }

    [Fact]
    public async Task Every_service_waits_for_a_healthy_broker_and_store_and_gets_its_settings()
    {
        var result = await Command.RunAsync("docker-compose", ["-f", Compose, "--env-file", EnvExample, "config"], TestContext.Current.CancellationToken);
        var config = result.Output;

        foreach (var service in new[] { "crawler", "inference", "trainer", "notifier", "feedback", "web" })
        {
            var block = ServiceBlock(config, service);
            block.ShouldContain(service == "web" ? "dockerfile: web/Dockerfile" : "dockerfile: services/Dockerfile");
            if (service != "web") block.ShouldContain($"SERVICE: {service}");
            block.ShouldContain("rabbitmq:\n        condition: service_healthy");
            block.ShouldContain("mongodb:\n        condition: service_healthy");
            block.ShouldContain("Storage__Provider: mongo");
            block.ShouldContain("RabbitMq__Host: rabbitmq");
            block.ShouldContain("ConnectionStrings__Mongo: mongodb://konomi:change-me@mongodb:27017/");
            block.ShouldContain("OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4317");
        }
        ServiceBlock(config, "notifier").ShouldContain("Slack__BotToken:");
        ServiceBlock(config, "feedback").ShouldContain("Slack__AppToken:");
        ServiceBlock(config, "web").ShouldContain("Web__Token: change-me");
        ServiceBlock(config, "web").ShouldContain("127.0.0.1:5090:8080");
        ServiceBlock(config, "grafana").ShouldContain("/etc/grafana/provisioning");
    }

    /// <summary>Prometheus scrapes exactly the services compose runs, on the port their images listen on.</summary>
    [Fact]
    public void Prometheus_scrapes_every_service_on_its_metrics_port()
    {
        var prometheus = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "prometheus", "prometheus.yml"));

        foreach (var service in new[] { "crawler", "inference", "trainer", "notifier", "feedback", "web" })
            prometheus.ShouldContain($"\"{service}:8080\"");
    }

    static string ServiceBlock(string config, string service)
    {
        var start = config.IndexOf($"\n  {service}:\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"service {service} missing");
        var end = config.IndexOf("\n  ", start + service.Length + 5, StringComparison.Ordinal);
        while (end > 0 && config[end + 3] == ' ') end = config.IndexOf("\n  ", end + 1, StringComparison.Ordinal);
        return end < 0 ? config[start..] : config[start..end];
    }
}
