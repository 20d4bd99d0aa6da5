using Konomi.Hosting;
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
        var file = new Argument<string>("FILE") { Description = "File to write (replaced if it exists; a FIFO or device is written into); its folder must exist; - writes standard output" }.FileName();
        var dataDir = CommonOptions.DataDir();
        var command = new Command(name, description) { file, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(file)!;
            if (given == "-") return await IntoStreamAsync(Console.OpenStandardOutput, "stdout", parse.GetValue(dataDir), ct);
            var path = Path.GetFullPath(given);
            // A FIFO or a device (/dev/stdout, /dev/null, a mkfifo path) is written into, as `>` would: renaming a
            // temporary over it would replace the special file with a plain one.
            var kind = SpecialFiles.Of(path);
            if (kind is SpecialFiles.Kind.Fifo or SpecialFiles.Kind.CharacterDevice)
                return await IntoStreamAsync(() => new FileStream(path, FileMode.Open, FileAccess.Write), path, parse.GetValue(dataDir), ct);
            if (kind is not SpecialFiles.Kind.Plain)
                return Cli.Fail($"{path} is a {(kind == SpecialFiles.Kind.Socket ? "socket" : "disk device")}, not a file; name the file to write");
            // A link is written through, as `>` would: renaming the temporary over the link would replace the link itself.
            if (new FileInfo(path).LinkTarget is not null) path = File.ResolveLinkTarget(path, returnFinalTarget: true)!.FullName;
            if (Directory.Exists(path)) return Cli.Fail($"{path} is a folder; name the file to write, e.g. {Path.Combine(path, what + ".export")}");
            if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
                return Cli.Fail($"cannot write {path}: the folder {folder} does not exist");
            using var host = CommandHost.Build(parse.GetValue(dataDir));
            var temporary = path + ".partial";
            int count;
            try
            {
                await using (var writer = new StreamWriter(temporary, append: false, Utf8) { NewLine = "\n" })
                    count = await export(host.Services, writer, ct);
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Said of the file the person named: the temporary beside it is ours.
                return Cli.Fail($"cannot write {path}: {(e is UnauthorizedAccessException ? $"its folder {Path.GetDirectoryName(path)} does not let you write there" : e.Message.Replace(temporary, path))}");
            }
            finally
            {
                // A failed or cancelled export leaves neither a half file nor its temporary behind.
                File.Delete(temporary);
            }
            Console.WriteLine($"exported {count} {what} to {path}");
            return Cli.Ok;
        });
        return Cli.Example(command, example);

        // - is standard output, as import reads - as standard input, so `export - | import -` works. The summary goes
        // to stderr: stdout (or /dev/stdout, a FIFO's reader) holds the export alone.
        async Task<int> IntoStreamAsync(Func<Stream> open, string shown, string? dataDirectory, CancellationToken ct)
        {
            using var host = CommandHost.Build(dataDirectory);
            int count;
            await using (var writer = new StreamWriter(open(), Utf8) { NewLine = "\n" })
                count = await export(host.Services, writer, ct);
            Console.Error.WriteLine($"exported {count} {what} to {shown}");
            return Cli.Ok;
        }
    }

    /// <param name="import">Reads the file's text into the store; the parse result carries the command's own options.</param>
    public static Command Import(string name, string description, Func<IServiceProvider, TextReader, ParseResult, CancellationToken, Task<ImportResult>> import,
        string what, IEnumerable<Option> options, params string[] example)
    {
        var file = new Argument<string>("FILE") { Description = "File to read; - reads standard input" }.FileName();
        var dataDir = CommonOptions.DataDir();
        var command = new Command(name, description) { file, dataDir };
        foreach (var option in options) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var stdin = path == "-";
            if (Directory.Exists(path)) return Cli.Fail($"{Path.GetFullPath(path)} is a folder; name the file to import");
            if (!stdin && !File.Exists(path)) return Cli.Fail($"{Path.GetFullPath(path)}: no such file");
            // Reading a closed stdin would wait for ever on the pipe the runtime put in its place.
            if (stdin && SpecialFiles.StandardInputClosed())
                return Cli.Fail($"stdin is closed: nothing was imported; pipe the file in (`konomi {what} import - < FILE`) or name it");
            var shown = stdin ? "stdin" : Path.GetFileName(path);
            var text = await Utf8Text.ReadAsync(stdin ? Console.OpenStandardInput() : File.OpenRead(path), ct);
            if (text.NotUtf8Line is { } line)
                return Cli.Fail($"{shown}: line {line}: not UTF-8 text: nothing was imported ({Utf8Text.SaveAsUtf8})");
            if (string.IsNullOrWhiteSpace(text.Text))
                return Cli.Fail(NothingToImport(shown));
            using var host = CommandHost.Build(parse.GetValue(dataDir), mayCreate: true);
            var result = await import(host.Services, new StringReader(text.Text), parse, ct);
            foreach (var problem in result.Problems)
                Console.Error.WriteLine($"{shown}: {problem}");
            if (!result.Succeeded)
                return Cli.Fail($"{Figures.Counted(result.Problems.Count, "bad line")}: nothing was imported");
            if (result.Rows == 0)
                return Cli.Fail(NothingToImport(shown));
            Console.WriteLine($"imported {result.Added} new {what} ({result.Rows - result.Added} of {result.Rows} were already there)");
            foreach (var note in result.Notes ?? [])
                Console.WriteLine($"note: {note}");
            return Cli.Ok;
        });
        return Cli.Example(command, example);

        // An input without a single row is refused, works and labels alike: it is what a failed `export -` or `parse`
        // upstream, or the wrong file, gives, and exit 0 would let a script go on as if a store had been moved.
        string NothingToImport(string shown) => $"{shown} holds no {what}: nothing was imported";
    }
}
