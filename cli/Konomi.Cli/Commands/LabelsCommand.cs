using System.CommandLine;
using Konomi.Storage.Transfer;

namespace Konomi.Cli.Commands;

/// <summary><c>konomi labels export|import FILE.csv</c>: every user's current labels as CSV.</summary>
public static class LabelsCommand
{
    public static Command Create()
    {
        var createUsers = new Option<bool>("--create-users") { Description = "Create the users the file names that this store does not know (a restore into a new store)" };
        return new("labels", $"Export or import labels as CSV ({LabelsCsv.Header})")
        {
            LabelsAndWorksTransfer.Export("export", "Write every current label to FILE.csv, oldest first",
                (services, writer, ct) => services.GetRequiredService<LabelsCsv>().ExportAsync(writer, ct), "labels", "konomi labels export labels.csv", "konomi labels export - --data-dir old | konomi labels import - --create-users --data-dir new"),
            LabelsAndWorksTransfer.Import("import", "Add the labels in FILE.csv as clicks (source import); a bad file changes nothing",
                (services, reader, parse, ct) => services.GetRequiredService<LabelsCsv>().ImportAsync(reader, ct, parse.GetValue(createUsers)), "labels", [createUsers],
                "konomi labels import labels.csv", "konomi labels import labels.csv --create-users --data-dir /new/store"),
        };
    }
}
