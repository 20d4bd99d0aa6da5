using System.CommandLine;
using System.Text;
using Konomi.Storage.Transfer;

namespace Konomi.Cli.Commands;

/// <summary>The export and import subcommands that <c>labels</c> and <c>works</c> share: file in, file out, store from <see cref="StoreHost"/>.</summary>
public static class LabelsAndWorksTransfer
{
    // UTF-8 without a BOM and \n line ends, so an export is byte-identical on every machine.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Export(string name, string description, Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> export, string what)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "File to write (replaced if it exists)" };
        var dataDir = CommonOptions.DataDir();
        var command = new Command(name, description) { file, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            using var host = StoreHost.Build(parse.GetValue(dataDir));
            var path = parse.GetValue(file)!.FullName;
            var temporary = path + ".partial";
            int count;
            await using (var writer = new StreamWriter(temporary, append: false, Utf8) { NewLine = "\n" })
                count = await export(host.Services, writer, ct);
            File.Move(temporary, path, overwrite: true);
            Console.WriteLine($"exported {count} {what} to {path}");
            return 0;
        });
        return command;
    }

    public static Command Import(string name, string description, Func<IServiceProvider, TextReader, CancellationToken, Task<ImportResult>> import, string what)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "File to read" };
        var dataDir = CommonOptions.DataDir();
        var command = new Command(name, description) { file, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"{path.FullName}: no such file");
                return 1;
            }
            using var host = StoreHost.Build(parse.GetValue(dataDir));
            using var reader = new StreamReader(path.FullName, Utf8);
            var result = await import(host.Services, reader, ct);
            foreach (var problem in result.Problems)
                Console.Error.WriteLine($"{path.Name}: {problem}");
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"{result.Problems.Count} bad lines: nothing was imported");
                return 1;
            }
            Console.WriteLine($"imported {result.Added} new {what} ({result.Rows - result.Added} of {result.Rows} were already there)");
            return 0;
        });
        return command;
    }
}
