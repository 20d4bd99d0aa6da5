using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

/// <summary>The real <c>konomi models</c> process on a store.</summary>
public class ModelsCommandTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Models_list_before_any_model_says_there_is_none_yet_and_where_to_see_what_it_needs()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("me"), Ct);

        var result = await KonomiCli.RunAsync(["models", "list", "--user", "me", "--data-dir", store.Settings["Storage:DataDirectory"]!], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        // A header over nothing left a newcomer guessing whether the command or the trainer had failed.
        result.Output.ShouldContain("no model versions yet: `konomi status` says what a first model still needs");
    }
}
