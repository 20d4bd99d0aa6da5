using System.CommandLine;
using Konomi.Storage.Transfer;

namespace Konomi.Cli.Commands;

/// <summary><c>konomi works export|import FILE.jsonl</c>: every stored work, one JSON object per line.</summary>
public static class WorksCommand
{
    public static Command Create() => new("works", "Export or import works as JSON lines")
    {
        LabelsAndWorksTransfer.Export("export", "Write every stored work to FILE.jsonl, newest release first",
            (services, writer, ct) => services.GetRequiredService<WorksJsonLines>().ExportAsync(writer, ct), "works", "konomi works export works.jsonl", "konomi works export - --data-dir old | konomi works import - --data-dir new"),
        LabelsAndWorksTransfer.Import("import", "Add the works in FILE.jsonl as already announced; a bad file changes nothing",
            (services, reader, _, ct) => services.GetRequiredService<WorksJsonLines>().ImportAsync(reader, ct), "works", [], "konomi works import works.jsonl", "konomi parse saved/ --jsonl | konomi works import -"),
    };
}
