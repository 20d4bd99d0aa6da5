using Konomi.Testing;

namespace Konomi.Cli.Tests.Commands;

public class PrefsCommandTests
{
    [Fact]
    public async Task Blocking_a_liked_value_moves_it_and_show_prints_the_stored_preferences()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = Directory.CreateTempSubdirectory("konomi-prefs-").FullName;

        var like = await KonomiCli.RunAsync(["prefs", "like", "--user", "u1", "--circle", "ひだまり工房", "--voice-actor", "春野ひより", "--create", "--data-dir", dataDir], ct: ct);
        var block = await KonomiCli.RunAsync(["prefs", "block", "--user", "u1", "--voice-actor", "春野ひより", "--genre", "ホラー", "--data-dir", dataDir], ct: ct);
        var show = await KonomiCli.RunAsync(["prefs", "show", "--user", "u1", "--data-dir", dataDir], ct: ct);

        like.ExitCode.ShouldBe(0, like.Error);
        block.ExitCode.ShouldBe(0, block.Error);
        show.ExitCode.ShouldBe(0, show.Error);
        show.Output.ShouldContain("liked circle: ひだまり工房");
        show.Output.ShouldContain("blocked voice-actor: 春野ひより");
        show.Output.ShouldContain("blocked genre: ホラー");
        show.Output.ShouldNotContain("liked voice-actor: 春野ひより");
    }

    [Fact]
    public async Task A_change_without_any_value_fails_and_names_the_options()
    {
        var result = await KonomiCli.RunAsync(["prefs", "like", "--user", "u1"], ct: TestContext.Current.CancellationToken);

        result.ExitCode.ShouldNotBe(0);
        (result.Output + result.Error).ShouldContain("--voice-actor");
    }

    [Fact]
    public async Task Show_for_an_unknown_user_fails_with_a_message()
    {
        var dataDir = Directory.CreateTempSubdirectory("konomi-prefs-").FullName;

        var ct = TestContext.Current.CancellationToken;
        (await KonomiCli.RunAsync(["users", "add", "alice", "--data-dir", dataDir], ct: ct)).ExitCode.ShouldBe(0);

        var result = await KonomiCli.RunAsync(["prefs", "show", "--user", "nobody", "--data-dir", dataDir], ct: ct);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("no user 'nobody'");
        result.Error.ShouldContain("alice");
    }
}
