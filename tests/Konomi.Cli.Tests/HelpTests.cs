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

    [Theory]
    [InlineData("help", "--help")]
    [InlineData("help status", "status --help")]
    [InlineData("help models promote", "models promote --help")]
    public async Task Help_as_a_command_shows_the_same_help_as_the_help_option(string asCommand, string asOption)
    {
        var command = await KonomiCli.RunAsync(asCommand.Split(' '), ct: Ct);
        var option = await KonomiCli.RunAsync(asOption.Split(' '), ct: Ct);

        command.ExitCode.ShouldBe(0, command.Error);
        command.Error.ShouldBeEmpty();
        command.Output.ShouldBe(option.Output);
        command.Output.ShouldContain("Usage:");
    }

    [Fact]
    public async Task Help_for_a_mistyped_command_names_the_command_it_meant()
    {
        var result = await KonomiCli.RunAsync(["help", "stauts"], ct: Ct);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("unknown command 'stauts'; did you mean 'status'?");
    }

        [Fact]
    public async Task An_unknown_command_is_a_usage_error_exit_2()
    {
        var result = await KonomiCli.RunAsync(["frobnicate"], ct: Ct);

        result.ExitCode.ShouldBe(2);
        (result.Output + result.Error).ShouldContain("frobnicate");
    }

    [Theory]
    [InlineData("users ad bob", "unknown command 'ad'; did you mean 'add'?", "konomi users")]
    [InlineData("stauts", "unknown command 'stauts'; did you mean 'status'?", "konomi")]
    [InlineData("notif", "unknown command 'notif'; did you mean 'notifications'?", "konomi")]
    [InlineData("models serve", "unknown command 'serve'; the commands: list, promote, rollback", "konomi models")]
    [InlineData("models", "konomi models needs a command: list, promote, rollback", "konomi models")]
    [InlineData("train --min-labels 5", "unknown option '--min-labels'", "konomi train")]
    [InlineData("train --usr me", "unknown option '--usr'; did you mean '--user'?", "konomi train")]
    [InlineData("label extra", "unexpected argument 'extra': `konomi label` takes none", "konomi label")]
    [InlineData("parse a.html b.html", "unexpected argument 'b.html': `konomi parse` takes one, <path>", "konomi parse")]
    [InlineData("works import a.jsonl b.jsonl", "unexpected argument 'b.jsonl': `konomi works import` takes one, <FILE>", "konomi works import")]
    public async Task A_mistyped_command_says_what_it_did_not_know_and_the_likely_one_without_printing_all_the_help(string commandLine, string message, string command)
    {
        var result = await KonomiCli.RunAsync(commandLine.Split(' '), ct: Ct);

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe($"{message}\nSee `{command} --help`.");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Help_states_each_default_once()
    {
        var twice = new List<string>();
        foreach (var path in await LeafCommandsAsync([]))
        {
            var help = await KonomiCli.RunAsync([.. path, "--help"], ct: Ct);
            twice.AddRange(help.Output.Split('\n')
                .Where(line => line.Contains("[default:") && line[..line.IndexOf("[default:", StringComparison.Ordinal)].Contains("default", StringComparison.OrdinalIgnoreCase))
                .Select(line => $"{string.Join(' ', path)}: {line.Trim()}"));
        }

        twice.ShouldBeEmpty();
    }

    [Fact]
    public async Task Konomi_alone_shows_the_help_and_no_parser_complaint()
    {
        var result = await KonomiCli.RunAsync([], ct: Ct);

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldContain("Usage:");
        result.Output.ShouldContain("status");
        result.Error.ShouldNotContain("Required command was not provided");
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
