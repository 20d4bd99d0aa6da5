using Konomi.Storage.Ports;
using Konomi.Storage.Transfer;
using Konomi.Testing;

namespace Konomi.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task Labels_export_then_import_into_an_empty_store_then_export_is_byte_identical()
    {
        var labels = Get<ILabelStore>();
        await labels.RecordAsync(Sample.Click("c1", true, Sample.Noon), Ct);
        await labels.RecordAsync(Sample.Click("c2", false, Sample.Noon.AddTicks(1234567)), Ct);
        await labels.RecordAsync(Sample.Click("c3", true, Sample.Noon.AddHours(1), user: "team, \"night\"", work: "RJ01000002"), Ct);
        var exported = await ExportAsync(Get<LabelsCsv>().ExportAsync);

        await using var empty = CreateStore()!;
        foreach (var user in new[] { "u1", "team, \"night\"" })
            await empty.Get<IUserStore>().UpsertAsync(new UserProfile(user), Ct);
        var first = await empty.Get<LabelsCsv>().ImportAsync(new StringReader(exported), Ct);
        var again = await empty.Get<LabelsCsv>().ImportAsync(new StringReader(exported), Ct);

        (first.Rows, first.Added, again.Added).ShouldBe((2, 2, 0));
        (await ExportAsync(empty.Get<LabelsCsv>().ExportAsync)).ShouldBe(exported);
        (await empty.Get<ILabelStore>().FindAsync("u1", "RJ01000001", Ct))!.Source.ShouldBe("import");
    }

    [Fact]
    public async Task Works_export_then_import_into_an_empty_store_then_export_is_byte_identical()
    {
        var works = Get<IWorkStore>();
        await works.AddAsync(Sample.Work("RJ01000001", new DateOnly(2026, 9, 1)), Guid.NewGuid(), Ct);
        await works.AddAsync(Sample.Work("RJ01000002") with { ReleaseDate = null, Popularity = null, Series = null }, Guid.NewGuid(), Ct);
        var exported = await ExportAsync(Get<WorksJsonLines>().ExportAsync);

        await using var empty = CreateStore()!;
        var imported = await empty.Get<WorksJsonLines>().ImportAsync(new StringReader(exported), Ct);

        (imported.Rows, imported.Added).ShouldBe((2, 2));
        (await ExportAsync(empty.Get<WorksJsonLines>().ExportAsync)).ShouldBe(exported);
        (await empty.Get<IWorkStore>().ListUnannouncedAsync(ct: Ct)).ShouldBeEmpty();
    }

    private static async Task<string> ExportAsync(Func<TextWriter, CancellationToken, Task<int>> export)
    {
        var writer = new StringWriter { NewLine = "\n" };
        await export(writer, Ct);
        return writer.ToString();
    }
}
