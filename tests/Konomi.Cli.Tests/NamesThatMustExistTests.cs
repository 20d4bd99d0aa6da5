using Konomi.Testing;

namespace Konomi.Cli.Tests;

/// <summary>A typo must not create a user or an empty store: unknown names are refused in one line.</summary>
public class NamesThatMustExistTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<string> StoreWithUsersAsync(params string[] users)
    {
        var dataDir = WorkFormatTests.NewDataDir();
        foreach (var user in users)
            (await KonomiCli.RunAsync(["users", "add", user, "--data-dir", dataDir], ct: Ct)).ExitCode.ShouldBe(0);
        return dataDir;
    }

    [Theory]
    [InlineData("prefs", "like", "--voice-actor", "春野ゆき")]
    [InlineData("prefs", "show")]
    [InlineData("recommend")]
    [InlineData("train")]
    [InlineData("models", "list")]
    [InlineData("label")]
    [InlineData("notifications")]
    public async Task An_unknown_user_is_refused_with_the_known_ones_and_not_created(params string[] command)
    {
        var dataDir = await StoreWithUsersAsync("me", "alice");

        var result = await KonomiCli.RunAsync([.. command, "--user", "nobody", "--data-dir", dataDir], ct: Ct);
        var users = await KonomiCli.RunAsync(["users", "list", "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(1, result.Output + result.Error);
        result.Error.Trim().ShouldBe("konomi: no user 'nobody'; known users: alice, me. Add one with `konomi users add nobody`.");
        users.Output.ShouldNotContain("nobody");
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad id!")]
    public async Task A_user_id_nobody_could_add_is_refused_without_advice_to_add_it(string id)
    {
        var dataDir = await StoreWithUsersAsync("me");

        var result = await KonomiCli.RunAsync(["recommend", "--user", id, "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(1, result.Output);
        result.Error.Trim().ShouldBe($"konomi: '{id}' is not a user id: use letters, digits, '-', '_' or '.'. Known users: me.");
    }

    [Fact]
    public async Task Prefs_with_create_makes_the_user()
    {
        var dataDir = await StoreWithUsersAsync("me");

        var result = await KonomiCli.RunAsync(["prefs", "like", "--user", "nobody", "--create", "--genre", "ASMR", "--data-dir", dataDir], ct: Ct);
        var users = await KonomiCli.RunAsync(["users", "list", "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        users.Output.ShouldContain("nobody");
    }

    [Fact]
    public async Task A_user_id_too_long_for_a_slack_button_is_refused_before_it_is_stored()
    {
        var dataDir = await StoreWithUsersAsync("me");
        var id = new string('a', 65);

        var result = await KonomiCli.RunAsync(["users", "add", id, "--data-dir", dataDir], ct: Ct);
        var users = await KonomiCli.RunAsync(["users", "list", "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(2, result.Output);
        result.Error.ShouldContain("'aaaaaaaaaaaaaaaa…' (65 characters) is not a user id: use at most 64.");
        users.Output.ShouldNotContain(id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,b\"c")]
    [InlineData("bad id!")]
    public async Task Prefs_with_create_refuses_an_id_users_add_would_refuse(string id)
    {
        var dataDir = await StoreWithUsersAsync("me");

        var result = await KonomiCli.RunAsync(["prefs", "like", "--user", id, "--create", "--genre", "ASMR", "--data-dir", dataDir], ct: Ct);
        var users = await KonomiCli.RunAsync(["users", "list", "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(2, result.Output);
        result.Error.ShouldContain($"'{id}' is not a user id");
        users.Output.Trim().Split('\n').ShouldHaveSingleItem().ShouldStartWith("me");
    }

    [Theory]
    [InlineData("status")]
    [InlineData("notifications")]
    [InlineData("users", "list")]
    [InlineData("recommend")]
    public async Task A_read_command_refuses_a_missing_data_directory_and_does_not_create_it(params string[] command)
    {
        var missing = Path.Combine(Path.GetTempPath(), "konomi-missing-" + Guid.NewGuid().ToString("N"));

        var result = await KonomiCli.RunAsync([.. command, "--data-dir", missing], ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldBe($"konomi: the data directory {missing} does not exist; check --data-dir, or start one with `konomi run` or `konomi crawl --backfill`.");
        Directory.Exists(missing).ShouldBeFalse();
    }

    [Fact]
    public async Task A_data_directory_that_is_a_file_is_one_line()
    {
        var file = Path.GetTempFileName();

        var result = await KonomiCli.RunAsync(["run", "--once", "--data-dir", file], ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldBe($"konomi: the data directory {file} is a file, not a folder; give --data-dir a folder.");
    }

    [Theory]
    [InlineData("status")]
    [InlineData("users", "add", "bob")]
    public async Task A_store_file_that_is_a_folder_is_named_not_reported_missing(params string[] command)
    {
        var dataDir = Directory.CreateTempSubdirectory("konomi-store-folder-").FullName;
        var store = Directory.CreateDirectory(Path.Combine(dataDir, "konomi.db")).FullName;

        var result = await KonomiCli.RunAsync([.. command, "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldBe($"konomi: {store} is a folder, not a Konomi store; move it away, or give --data-dir the folder that holds the store.");
    }

    [Fact]
    public async Task An_export_into_a_missing_folder_is_one_line()
    {
        var dataDir = await StoreWithUsersAsync("me");
        var target = Path.Combine(dataDir, "no-such-folder", "labels.csv");

        var result = await KonomiCli.RunAsync(["labels", "export", target, "--data-dir", dataDir], ct: Ct);

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldBe($"konomi: cannot write {target}: the folder {Path.GetDirectoryName(target)} does not exist");
    }
}
