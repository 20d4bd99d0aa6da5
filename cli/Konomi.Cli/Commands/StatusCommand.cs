using System.CommandLine;
namespace Konomi.Cli.Commands;
public static class StatusCommand { public static Command Create() => new("status"); }
