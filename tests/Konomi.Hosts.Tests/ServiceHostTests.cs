using Konomi.Testing;

namespace Konomi.Hosts.Tests;

/// <summary>Each deployable host, as its own process on the real broker: starts, is ready, stops cleanly.</summary>
public class ServiceHostTests
{
    public static TheoryData<string> Services => ["crawler", "inference", "trainer", "notifier", "feedback"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Host_starts_answers_ready_and_stops_cleanly_on_SIGTERM(string service)
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Directory.CreateTempSubdirectory("konomi-host-").FullName;
        var environment = new Dictionary<string, string?>
        {
            ["RabbitMq__Host"] = Broker.Address.Host,
            ["RabbitMq__Port"] = Broker.Address.Port.ToString(),
            ["Storage__Provider"] = "sqlite",
            ["Storage__DataDirectory"] = dataDir,
            ["Crawler__ScheduleEnabled"] = "false",
        };
        await using var host = ServiceProcess.Start(service, environment);

        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ct);
        using (var http = new HttpClient { BaseAddress = host.BaseAddress })
        {
            (await http.GetAsync("health/live", ct)).IsSuccessStatusCode.ShouldBeTrue();
            (await http.GetStringAsync("health/ready", ct)).ShouldContain("masstransit-bus");
            (await http.GetStringAsync("metrics", ct)).ShouldNotBeNullOrWhiteSpace();
        }
        var exitCode = await host.StopAsync(TimeSpan.FromSeconds(45));

        exitCode.ShouldBe(0, host.Output);
    }

    public static TheoryData<string, string, string, string> InvalidSettings => new()
    {
        { "crawler", "Crawler__PagesPerCycle", "0", "Crawler:PagesPerCycle must be at least 1." },
        { "inference", "Inference__BatchSize", "0", "Inference:BatchSize must be at least 1" },
        { "inference", "Inference__ServingModels__SizeLimitMb", "0", "Inference:ServingModels:SizeLimitMb must be between 0.001 and 1048576" },
        { "trainer", "Trainer__Folds", "1", "Trainer:Folds must be at least 2" },
        { "trainer", "Trainer__LabelCheck", "00:00:00.5", "Trainer:LabelCheck must be between 1 second and 1 day" },
        { "notifier", "Notifier__MaxAttempts", "0", "Notifier:MaxAttempts must be at least 1" },
        { "feedback", "Feedback__Retry__MaxAttempts", "0", "Feedback:Retry:MaxAttempts must be at least 1" },
        { "feedback", "Feedback__Reconnect__MaxDelay", "00:00:00.5", "Feedback:Reconnect:MaxDelay must be between Feedback:Reconnect:BaseDelay and 1.00:00:00" },
        { "notifier", "Slack__Retry__BaseDelay", "-00:00:01", "Slack:Retry:BaseDelay must be between 00:00:00 and 1.00:00:00" },
        { "crawler", "Crawler__Retry__BaseDelay", "00:00:00.5", "Crawler:Retry:BaseDelay must be at least 1 second against DLsite." },
        { "inference", "Bus__Retry__MaxAttempts", "0", "Bus:Retry:MaxAttempts must be at least 1" },
        { "feedback", "Slack__AttemptTimeout", "00:00:00", "Slack:AttemptTimeout must be a positive time span" },
        { "crawler", "Crawler__MinimumDelai", "0", "Crawler:MinimumDelai is not a setting; did you mean Crawler:MinimumDelay?" },
        { "inference", "TasteModels__Devise", "cuda", "TasteModels:Devise is not a setting; did you mean TasteModels:Device?" },
        { "feedback", "Feedback__Reconect__MaxDelay", "00:00:10", "Feedback:Reconect is not a setting; did you mean Feedback:Reconnect?" },
        { "notifier", "RabbitMq__Hots", "rabbitmq", "RabbitMq:Hots is not a setting; did you mean RabbitMq:Host?" },
        { "trainer", "Storage__Provider", "postgres", "Storage:Provider 'postgres' is not a provider; the providers are sqlite and mongo." },
        { "trainer", "Trainer__Debounce", "abc", "Trainer:Debounce: 'abc' is not a duration such as 00:30:00 (hh:mm:ss) or 1.00:00:00 (a day)" },
        { "crawler", "Crawler__Retry__MaxAttempts", "three", "Crawler:Retry:MaxAttempts: 'three' is not a whole number" },
        { "inference", "TasteModels__CudaDeviceId", "first", "TasteModels:CudaDeviceId: 'first' is not a whole number" },
        { "notifier", "RabbitMq__Port", "amqp", "RabbitMq:Port: 'amqp' is not a whole number" },
        { "trainer", "Bus__Retyr__MaxAttempts", "3", "Bus:Retyr is not a setting; did you mean Bus:Retry?" },
        { "feedback", "Users__0__Chanel", "C0TEAM", "Users:0:Chanel is not a setting; did you mean Users:0:Channel?" },
        { "notifier", "Users__0__MaxPerRun", "many", "Users:0:MaxPerRun: 'many' is not a whole number" },
        { "crawler", "Users__0__Channel", "C0TEAM", "Users:0:UserId is missing: every configured user needs one." },
        { "inference", "Storage__Provider", "mongo", "Storage:Provider is mongo but ConnectionStrings:Mongo is not set." },
        { "notifier", "Storage__MaxSizeMb", "0", "Storage:MaxSizeMb must be a whole number of megabytes, at least 1" },
        // A file a setting names is looked for at start, not when a training or a batch first reads it.
        { "inference", "TasteModels__Embedding__TokenizerPath", "/nonexistent/konomi/vocab.txt", "TasteModels:Embedding:TokenizerPath: file '/nonexistent/konomi/vocab.txt' does not exist" },
        { "trainer", "TasteModels__Family", "classifier", "The classifier family needs TasteModels:Classifier:ModelPath and TokenizerPath." },
        { "trainer", "TasteModels__Family", "ngrams", "TasteModels:Family: 'ngrams' is not a taste model family (one of classifier, embedding, ngram, stacked); did you mean ngram?" },
        { "web", "TasteModels__Embedding__ReferencePath", "/nonexistent/konomi/model.onnx.reference.json", "TasteModels:Embedding:ReferencePath: file '/nonexistent/konomi/model.onnx.reference.json' does not exist" },
        { "web", "Trainer__MinLabels", "1", "Trainer:MinLabels must be at least 2" },
    };

    // One line on stderr naming the key, exit code 1 and no stack trace, whether the setting is out of range, unknown,
    // does not convert or names no provider; the same line `konomi` gives, after the host's name.
    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task Host_refuses_to_start_with_an_invalid_setting_in_one_line_naming_it(string service, string variable, string value, string message)
    {
        var ct = TestContext.Current.CancellationToken;
        var environment = new Dictionary<string, string?>
        {
            ["Storage__Provider"] = "sqlite",
            ["Storage__DataDirectory"] = Directory.CreateTempSubdirectory("konomi-host-").FullName,
            ["Crawler__ScheduleEnabled"] = "false",
            [variable] = value,
        };
        await using var host = ServiceProcess.Start(service, environment);

        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60), ct);

        exitCode.ShouldBe(1, host.Output);
        host.Errors.ShouldBe([$"konomi-{service}: {message}"], host.Output);
        host.Output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Host_names_every_setting_it_cannot_use_in_its_one_line()
    {
        var ct = TestContext.Current.CancellationToken;
        var environment = new Dictionary<string, string?>
        {
            ["Storage__Provider"] = "sqlite",
            ["Storage__DataDirectory"] = Directory.CreateTempSubdirectory("konomi-host-").FullName,
            ["Trainer__Interval"] = "hourly",
            ["Trainer__Folds"] = "1",
            ["Trainer__Debounse"] = "00:00:30",
        };
        await using var host = ServiceProcess.Start("trainer", environment);

        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60), ct);

        exitCode.ShouldBe(1, host.Output);
        var line = host.Errors.ShouldHaveSingleItem();
        line.ShouldStartWith("konomi-trainer: ");
        line.ShouldContain("Trainer:Interval: 'hourly' is not a duration");
        line.ShouldContain("Trainer:Folds must be at least 2");
        line.ShouldContain("Trainer:Debounse is not a setting; did you mean Trainer:Debounce?");
    }
}
