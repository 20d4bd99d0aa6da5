using System.CommandLine;
namespace Konomi.Cli.Commands;
public static class UsersCommand { public static Command Create() => new("users"); }
