using System.CommandLine;
using System.CommandLine.Invocation;
using Konomi.Cli.Terminal;

namespace Konomi.Cli;

/// <summary>
/// Exit codes and the shape of every command's messages: 0 done, 1 the command could not do it (a bad file, an unknown
/// user, DLsite unreachable), 2 the command line itself is wrong (System.CommandLine's parse errors exit 2 too).
/// </summary>
public static class Cli
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int Usage = 2;

    /// <summary>Prints one line on stderr and returns <see cref="Error"/>.</summary>
    public static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"konomi: {message}");
        return Error;
    }

    public static int Fail(string message) => Fail(Console.Error, message);

    /// <summary>
    /// A command line found wrong only once the command runs (a name its registry does not know): the message and
    /// where help is, as for a parse error, and <see cref="Usage"/>.
    /// </summary>
    public static int UsageError(string command, string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine($"See `{command} --help`.");
        return Usage;
    }

    /// <summary>
    /// Runs a command line: 0 done, 1 failed (one line on stderr, no stack trace), 2 the command line is wrong.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        // `konomi help [COMMAND…]`, as git and dotnet take it: the same help as `konomi [COMMAND…] --help`; a command it
        // does not know is named as a typo (--help would show the root help over it and exit 0).
        if (args is ["help", .. var command])
            args = root.Parse(command).UnmatchedTokens.Count > 0 ? command : [.. command, "--help"];
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && args.Length == 0)
        {
            // `konomi` alone: the help, without System.CommandLine's "Required command was not provided" under it.
            await root.Parse(["--help"]).InvokeAsync();
            return Usage;
        }
        if (parsed.Errors.Count > 0)
        {
            // The errors in words, a "did you mean", and where help is: the whole help after a typo buries the one line that matters.
            foreach (var line in UsageErrors.Describe(parsed))
                await Console.Error.WriteLineAsync(line);
            await Console.Error.WriteLineAsync($"See `{UsageErrors.Path(parsed)} --help`.");
            return Usage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            return Error;
        }
        catch (Exception e)
        {
            return Fail(FailureMessages.Describe(e));
        }
    }

    /// <summary>Adds examples to the command's <c>--help</c> (the description is what help prints first).</summary>
    public static T Example<T>(T command, params string[] examples) where T : Command
    {
        command.Description += Environment.NewLine + Environment.NewLine + "Examples:" + string.Concat(examples.Select(e => Environment.NewLine + "  " + e));
        return command;
    }
}

/// <summary>A failure the user can fix, told in one line without a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
