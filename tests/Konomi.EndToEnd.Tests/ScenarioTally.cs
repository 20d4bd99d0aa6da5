namespace Konomi.EndToEnd.Tests;

/// <summary>What one scenario counted from the outside; its line is what tests/e2e/run.sh prints.</summary>
public sealed record ScenarioTally(string Scenario, int In, int Scored, int Posted, int Clicks, int Lost, int Duplicated, TimeSpan Elapsed)
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
}
