using System.CommandLine;
namespace Konomi.Cli.Commands;
public static class SlackCommand { public static Command Create() => new("slack"); }
