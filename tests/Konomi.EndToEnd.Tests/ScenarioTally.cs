namespace Konomi.EndToEnd.Tests;

/// <summary>
/// What one scenario counted from the outside; its line is what tests/e2e/run.sh prints. <see cref="Problems"/>
/// names each lost, duplicated or republished item, for the failure message. <see cref="Republished"/> counts
/// scores whose WorkScored went out more than once: at-least-once by design after a crash or broker restart,
/// a fault anywhere else.
/// </summary>
public sealed record ScenarioTally(
    string Scenario, int In, int Scored, int Published, int Posted, int Clicks, int Labels, int Feedback, int Redraws,
    int Republished, int Lost, int Duplicated, TimeSpan Elapsed, IReadOnlyList<string> Problems)
{
    public override string ToString() =>
        $"e2e {Scenario}: in={In} scored={Scored} published={Published} posted={Posted} clicks={Clicks} labels={Labels} " +
        $"feedback={Feedback} redraws={Redraws} republished={Republished} lost={Lost} duplicated={Duplicated} seconds={Elapsed.TotalSeconds:F1}";

    /// <summary>Appends the line to <c>KONOMI_E2E_REPORT</c> (run.sh prints that file) and the test output.</summary>
    public void Report()
    {
        var line = ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        var file = Environment.GetEnvironmentVariable("KONOMI_E2E_REPORT");
        if (!string.IsNullOrEmpty(file))
            File.AppendAllLines(file, [line]);
    }

    /// <summary>
    /// Reports the line, then fails unless nothing was lost or duplicated; a republished score fails too unless
    /// the scenario redelivers by its nature (<paramref name="scoresRepublished"/>: a killed inference, a broker restart).
    /// </summary>
    public void ShouldBeExactlyOnce(bool scoresRepublished = false)
    {
        Report();
        var problems = string.Join("\n", Problems);
        Lost.ShouldBe(0, problems);
        Duplicated.ShouldBe(0, problems);
        if (!scoresRepublished)
            Republished.ShouldBe(0, problems);
    }
}
