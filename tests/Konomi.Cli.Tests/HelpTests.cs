using Konomi.Testing;

namespace Konomi.Cli.Tests;

public class HelpTests
{
    [Fact]
    public async Task Help_lists_the_commands_and_exits_zero()
    {
        var result = await KonomiCli.RunAsync(["--help"], ct: TestContext.Current.CancellationToken);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("run");
        result.Output.ShouldContain("Konomi");
    }

    [Fact]
    public async Task An_unknown_command_fails_with_a_message()
    {
        var result = await KonomiCli.RunAsync(["frobnicate"], ct: TestContext.Current.CancellationToken);

        result.ExitCode.ShouldNotBe(0);
        (result.Output + result.Error).ShouldContain("frobnicate");
    }
}
