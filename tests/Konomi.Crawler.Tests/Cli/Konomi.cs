using System.CommandLine;
using Konomi.Cli;

namespace Konomi.Crawler.Tests.Cli;

/// <summary>The <c>konomi</c> command invoked in-process with its output captured.</summary>
static class Konomi
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await KonomiCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return new Result(exit, output.ToString(), error.ToString());
    }
}
