using System.Text.RegularExpressions;
using Konomi.Testing;

namespace Konomi.Cli.Tests;

public class HelpTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Help_lists_the_commands_and_exits_zero()
    {
        var result = await KonomiCli.RunAsync(["--help"], ct: Ct);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("run");
        result.Output.ShouldContain("status");
        result.Output.ShouldContain("Konomi");
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error_exit_2()
    {
        var result = await KonomiCli.RunAsync(["frobnicate"], ct: Ct);

        result.ExitCode.ShouldBe(2);
        (result.Output + result.Error).ShouldContain("frobnicate");
    }

    [Fact]
    public async Task A_mistyped_command_names_the_likely_one_and_where_help_is_without_printing_all_of_it()
    {
        var result = await KonomiCli.RunAsync(["users", "ad", "bob"], ct: Ct);

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldContain("'ad' was not matched. Did you mean one of the following?\nadd");
        result.Error.ShouldContain("See `konomi users --help`.");
        (result.Output + result.Error).ShouldNotContain("Usage:");
    }

    [Fact]
    public async Task Konomi_alone_shows_the_help()
    {
        var result = await KonomiCli.RunAsync([], ct: Ct);

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldContain("Usage:");
        result.Output.ShouldContain("status");
    }

    [Fact]
    public async Task Every_command_has_an_example_in_its_help()
    {
        var leaves = await LeafCommandsAsync([]);
        var missing = new List<string>();
        foreach (var path in leaves)
        {
            var help = await KonomiCli.RunAsync([.. path, "--help"], ct: Ct);
            if (!help.Output.Contains("Examples:") || !help.Output.Contains("konomi " + path[0])) missing.Add(string.Join(' ', path));
        }

        leaves.Count.ShouldBeGreaterThan(20);
        missing.ShouldBeEmpty();
    }

    [Fact]
    public async Task Eval_exits_like_the_others_1_for_a_missing_file_and_2_for_a_bad_option()
    {
        var missing = await KonomiCli.RunAsync(["eval", "--data", "/no/such/file.csv"], ct: Ct);
        var usage = await KonomiCli.RunAsync(["eval", "--data", "x.csv", "--folds", "1"], ct: Ct);

        missing.ExitCode.ShouldBe(1);
        usage.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task No_user_facing_message_names_a_dotnet_type()
    {
        var bad = Path.Combine(WorkFormatTests.NewDataDir(), "work.json");
        File.WriteAllText(bad, """{"id":"RJ1","title":"t","url":"https://example.test/u","genres":{"a":1}}""");
        var users = await KonomiCli.RunAsync(["users", "add", "me", "--data-dir", Path.GetDirectoryName(bad)!], ct: Ct);

        var result = await KonomiCli.RunAsync(["score", "--work", bad, "--data-dir", Path.GetDirectoryName(bad)!], ct: Ct);

        users.ExitCode.ShouldBe(0);
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("genres must be a list of texts");
        result.Error.ShouldNotMatch(@"System\.|Konomi\.[A-Z]|Exception");
    }

    /// <summary>Every command without subcommands, found by reading the help pages themselves.</summary>
    static async Task<List<string[]>> LeafCommandsAsync(string[] path)
    {
        var help = (await KonomiCli.RunAsync([.. path, "--help"], ct: Ct)).Output;
        var commands = help.Split("Commands:") is { Length: 2 } parts
            ? Regex.Matches(parts[1], @"^\s{2}(\w[\w-]*)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList()
            : [];
        if (commands.Count == 0) return path.Length == 0 ? [] : [path];
        var leaves = new List<string[]>();
        foreach (var command in commands)
            leaves.AddRange(await LeafCommandsAsync([.. path, command]));
        return leaves;
    }
}
