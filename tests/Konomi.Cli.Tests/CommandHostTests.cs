using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests;

/// <summary>Commands build only the host they need: <c>konomi run</c>'s web app and listeners are its own.</summary>
public class CommandHostTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    // What `konomi run` refuses at start (the Slack listener must have a port of its own): a command that
    // needs one service never builds those listeners, so a deployment's `run` settings cannot stop it.
    static readonly Dictionary<string, string?> RunOnlySettings = new() { ["Feedback__PublicUrl"] = "http://127.0.0.1:5080" };

    [Theory]
    [InlineData("models", "list")]
    [InlineData("train")]
    [InlineData("recommend")]
    [InlineData("score", "--id")]
    public async Task A_command_that_needs_one_service_ignores_the_web_apps_listener_settings(params string[] command)
    {
        await using var store = TestStore.Sqlite();
        var work = SampleWorks.Range(1, 1)[0];
        await store.Get<IWorkStore>().AddAsync(work, Guid.NewGuid(), Ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);
        string[] args = [.. command, .. command[^1] == "--id" ? [work.Id] : Array.Empty<string>(), "--data-dir", store.Settings["Storage:DataDirectory"]!];

        var result = await KonomiCli.RunAsync(args, RunOnlySettings, ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldNotContain("must use a port of its own");
    }
}
