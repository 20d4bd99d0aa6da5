namespace Konomi.EndToEnd.Tests;

/// <summary>
/// What one scenario counted from the outside; its line is what tests/e2e/run.sh prints.
/// <see cref="Problems"/> names each lost or duplicated item, for the failure message.
/// </summary>
public sealed record ScenarioTally(string Scenario, int In, int Scored, int Posted, int Clicks, int Lost, int Duplicated, TimeSpan Elapsed, IReadOnlyList<string> Problems)
{
    public override string ToString() =>
        $"e2e {Scenario}: in={In} scored={Scored} posted={Posted} clicks={Clicks} lost={Lost} duplicated={Duplicated} seconds={Elapsed.TotalSeconds:F1}";

    /// <summary>Appends the line to <c>KONOMI_E2E_REPORT</c> (run.sh prints that file) and the test output.</summary>
    public void Report()
    {
        var line = ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        var file = Environment.GetEnvironmentVariable("KONOMI_E2E_REPORT");
        if (!string.IsNullOrEmpty(file))
            File.AppendAllLines(file, [line]);
    }

    /// <summary>Reports the line, then fails unless nothing was lost or duplicated.</summary>
    public void ShouldBeExactlyOnce()
    {
        Report();
        Lost.ShouldBe(0, string.Join("\n", Problems));
        Duplicated.ShouldBe(0, string.Join("\n", Problems));
    }
}
