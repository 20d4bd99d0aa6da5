using Konomi.Emulators.Slack;
using Konomi.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Konomi.Slack.Tests;

/// <summary>The real <see cref="ISlackApi"/> registration pointed at an emulator, with fast retry settings.</summary>
public static class SlackClients
{
    public static ServiceProvider Create(SlackEmulator emulator, FakeLoggerProvider? logs = null, Dictionary<string, string?>? settings = null)
    {
        var values = emulator.Settings();
        values["Slack:Retry:BaseDelay"] = "00:00:00.050";
        values["Slack:PostInterval"] = "00:00:00.010";
        foreach (var (key, value) in settings ?? [])
            values[key] = value;
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
                b.AddProvider(logs);
        });
        services.AddSlackApi();
        return services.BuildServiceProvider();
    }

    public static ISlackApi Api(this ServiceProvider services) => services.GetRequiredService<ISlackApi>();
}
