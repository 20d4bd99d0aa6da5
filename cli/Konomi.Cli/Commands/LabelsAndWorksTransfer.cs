using System.CommandLine;
using System.Text;
using Konomi.Storage.Transfer;

namespace Konomi.Cli.Commands;

/// <summary>The export and import subcommands that <c>labels</c> and <c>works</c> share: file in, file out, store from <see cref="CommandHost"/>.</summary>
public static class LabelsAndWorksTransfer
{
    // UTF-8 without a BOM and \n line ends, so an export is byte-identical on every machine.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Export(string name, string description, Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> export, string what, params string[] example)
    {
        var file = new Argument<string>("FILE") { Description = "File to write (replaced if it exists); its folder must exist; - writes standard output" };
        var dataDir = CommonOptions.DataDir();
        var command = new Command(name, description) { file, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(file)!;
            if (given == "-") return await ToStandardOutputAsync(parse.GetValue(dataDir), ct);
            var path = Path.GetFullPath(given);
            if (Directory.Exists(path)) return Cli.Fail($"{path} is a folder; name the file to write, e.g. {Path.Combine(path, what + ".export")}");
            if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
                return Cli.Fail($"cannot write {path}: the folder {folder} does not exist");
            using var host = CommandHost.Build(parse.GetValue(dataDir));
            var temporary = path + ".partial";
            int count;
            await using (var writer = new StreamWriter(temporary, append: false, Utf8) { NewLine = "\n" })
                count = await export(host.Services, writer, ct);
            File.Move(temporary, path, overwrite: true);
            Console.WriteLine($"exported {count} {what} to {path}");
            return Cli.Ok;
        });
        return Cli.Example(command, example);

        // - is standard output, as import reads - as standard input, so `export - | import -` works. The summary goes
        // to stderr: stdout holds the export alone.
        async Task<int> ToStandardOutputAsync(string? dataDirectory, CancellationToken ct)
        {
            using var host = CommandHost.Build(dataDirectory);
            int count;
            await using (var writer = new StreamWriter(Console.OpenStandardOutput(), Utf8) { NewLine = "\n" })
                count = await export(host.Services, writer, ct);
            Console.Error.WriteLine($"exported {count} {what} to stdout");
            return Cli.Ok;
        }
    }

    public static Command Import(string name, string description, Func<IServiceProvider, TextReader, CancellationToken, Task<ImportResult>> import, string what, params string[] example)
    {
        var file = new Argument<string>("FILE") { Description = "File to read; - reads standard input" };
        var dataDir = CommonOptions.DataDir();
        var command = new Command(name, description) { file, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var stdin = path == "-";
            if (!stdin && !File.Exists(path)) return Cli.Fail($"{Path.GetFullPath(path)}: no such file");
            using var host = CommandHost.Build(parse.GetValue(dataDir), mayCreate: true);
            using var reader = stdin ? new StreamReader(Console.OpenStandardInput(), Utf8) : new StreamReader(path, Utf8);
            var result = await import(host.Services, reader, ct);
            var shown = stdin ? "stdin" : Path.GetFileName(path);
            foreach (var problem in result.Problems)
                Console.Error.WriteLine($"{shown}: {problem}");
            if (!result.Succeeded)
                return Cli.Fail($"{result.Problems.Count} bad lines: nothing was imported");
            Console.WriteLine($"imported {result.Added} new {what} ({result.Rows - result.Added} of {result.Rows} were already there)");
            return Cli.Ok;
        });
        return Cli.Example(command, example);
    }
}
