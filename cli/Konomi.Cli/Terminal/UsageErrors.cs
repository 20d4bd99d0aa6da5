using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Konomi.Settings;

namespace Konomi.Cli.Terminal;

/// <summary>
/// What is wrong with a command line, in words: System.CommandLine's own messages name .NET types
/// (<c>System.Nullable`1[System.Int32]</c>), and after a mistyped command add "Required command was not provided".
/// </summary>
public static partial class UsageErrors
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*?)' for (option|command) '(?<name>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^(Unrecognized command or argument '|Required command was not provided)")]
    private static partial Regex AboutUnmatched();

    public static IReadOnlyList<string> Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var lines = new List<string>();
        if (parsed.UnmatchedTokens.Count > 0)
            lines.Add(Unmatched(command, parsed.UnmatchedTokens[0], Path(parsed)));
        else if (parsed.Errors.Any(e => e.Message.StartsWith("Required command", StringComparison.Ordinal)))
            lines.Add($"{Path(parsed)} needs a command: {string.Join(", ", Visible(command.Subcommands))}");
        foreach (var error in parsed.Errors.Where(e => !AboutUnmatched().IsMatch(e.Message)))
            lines.Add(InWords(error));
        return [.. lines.Distinct()];
    }

    /// <summary>The words <c>konomi</c> and the subcommands that led to the error: "konomi models".</summary>
    public static string Path(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as CommandResult)
            names.Insert(0, result.Command.Name);
        names[0] = "konomi";
        return string.Join(' ', names);
    }

    static string Unmatched(Command command, string token, string path)
    {
        if (token.StartsWith('-'))
            return $"unknown option '{token}'" + Nearest(token, command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)));
        if (command.Subcommands.Count > 0)
            return $"unknown command '{token}'" + (Nearest(token, Visible(command.Subcommands)) is { Length: > 0 } near
                ? near
                : $"; the commands: {string.Join(", ", Visible(command.Subcommands))}");
        return command.Arguments.Count == 0
            ? $"unexpected argument '{token}': `{path}` takes none"
            : $"unexpected argument '{token}': `{path}` takes {(command.Arguments.Count == 1 ? "one" : $"{command.Arguments.Count}")}, {string.Join(" ", command.Arguments.Select(a => $"<{a.Name}>"))}";
    }

    static IEnumerable<string> Visible(IEnumerable<Command> commands) => commands.Where(c => !c.Hidden).Select(c => c.Name);

    /// <summary>"; did you mean 'status'?" for a name at most two letters off (or one the token begins); otherwise nothing.</summary>
    static string Nearest(string token, IEnumerable<string> names)
    {
        var candidates = names.ToList();
        return (candidates.FirstOrDefault(n => token.TrimStart('-').Length > 1 && n.StartsWith(token, StringComparison.OrdinalIgnoreCase)) ?? EditDistance.Nearest(token, candidates)) is { } near
            ? $"; did you mean '{near}'?"
            : "";
    }

    static string InWords(ParseError error)
    {
        if (CannotParse().Match(error.Message) is not { Success: true } m) return error.Message;
        var type = error.SymbolResult switch
        {
            OptionResult o => o.Option.ValueType,
            ArgumentResult a => a.Argument.ValueType,
            _ => null,
        };
        var (name, value) = (m.Groups["name"].Value, m.Groups["value"].Value);
        return type is not null && SettingFailures.OutOfRange(value, (Nullable.GetUnderlyingType(type) ?? type).FullName!) is { } range
            ? $"{name}: '{value}' is {range}"
            : $"{name}: '{value}' is not {(type is null ? "valid" : Expected(type))}";
    }

    static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        if (type == typeof(FileInfo)) return "a file name";
        return SettingFailures.Expected(type.FullName!);
    }
}
