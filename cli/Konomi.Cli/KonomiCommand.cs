using System.CommandLine;
using Konomi.Cli.Commands;

namespace Konomi.Cli;

/// <summary>The <c>konomi</c> command: one subcommand per file under Commands/.</summary>
public static class KonomiCommand
{
    public static RootCommand Create() => new("Konomi (好み): new DLsite voice works you will like, in Slack.")
    {
        RunCommand.Create(),
        StatusCommand.Create(),
        UsersCommand.Create(),
        SlackCommand.Create(),
        LabelsCommand.Create(),
        WorksCommand.Create(),
        ParseCommand.Create(),
        CrawlCommand.Create(),
        TrainCommand.Create(),
        ModelsCommand.Create(),
        ScoreCommand.Create(),
        EvalCommand.Create(),
        BenchCommand.Create(),
        PrefsCommand.Create(),
        LabelCommand.Create(),
        RecommendCommand.Create(),
        NotificationsCommand.Create(),
        PruneCommand.Create(),
        ErrorsCommand.Create(),
    };

    /// <summary>Runs the command line: see <see cref="Cli.InvokeAsync"/>.</summary>
    public static Task<int> InvokeAsync(string[] args) => Cli.InvokeAsync(Create(), args);
}
