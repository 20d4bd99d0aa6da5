using System.Text.Json.Nodes;
using Konomi.Storage.Ports;
using Konomi.Storage.Transfer;
using Konomi.Testing;

namespace Konomi.Storage.Tests;

/// <summary>Bad works files: every bad line is reported and nothing is stored.</summary>
public sealed class WorksJsonLinesTests : IAsyncDisposable
{
    private readonly TestStore _store = TestStore.Sqlite();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_malformed_file_reports_every_bad_line_and_stores_nothing()
    {
        var good = Sample.Json(Sample.Work("RJ01000001"));
        var file = string.Join('\n',
            good,
            "{not json",
            """{"title":"no id","url":"https://x"}""",
            Sample.Json(Sample.Work("RJ01000002") with { Title = " " }),
            good,
            "",
            "null");

        var result = await _store.Get<WorksJsonLines>().ImportAsync(new StringReader(file), Ct);

        result.Problems.Select(p => p.Line).ShouldBe([2, 3, 4, 5, 7]);
        result.Problems[3].Message.ShouldBe("work RJ01000001 appears again (first on line 1)");
        (await _store.Get<IWorkStore>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_JSON_list_of_works_is_refused_saying_the_import_reads_one_work_per_line()
    {
        // What `konomi parse listing.html > works.json` writes: the listing's works as one JSON list.
        var file = $"[{Sample.Json(Sample.Work("RJ01000001"))},{Sample.Json(Sample.Work("RJ01000002"))}]";

        var result = await _store.Get<WorksJsonLines>().ImportAsync(new StringReader(file), Ct);

        result.Problems.ShouldHaveSingleItem().ToString().ShouldBe(
            "line 1: a JSON list of works; the import reads one work per line (JSON lines: `konomi parse --jsonl` writes them, `jq -c '.[]'` turns a list into them)");
        (await _store.Get<IWorkStore>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_work_not_on_sale_yet_is_refused_so_the_crawler_still_announces_it_on_its_release()
    {
        // What `konomi parse` prints for an announce page: the work, and that DLsite has not released it.
        var announced = WithStatus("RJ01000002", "announced");
        var released = WithStatus("RJ01000003", "released");
        var file = string.Join('\n', Sample.Json(Sample.Work("RJ01000001")), announced, released);

        var result = await _store.Get<WorksJsonLines>().ImportAsync(new StringReader(file), Ct);

        result.Problems.ShouldHaveSingleItem().ToString().ShouldBe(
            "line 2: work RJ01000002 is not on sale yet (\"status\":\"announced\"): leave it out, the crawler announces it when DLsite releases it");
        (await _store.Get<IWorkStore>().CountAsync(Ct)).ShouldBe(0);
        var without = await _store.Get<WorksJsonLines>().ImportAsync(new StringReader(string.Join('\n', Sample.Json(Sample.Work("RJ01000001")), released)), Ct);
        without.Problems.ShouldBeEmpty();
        (await _store.Get<IWorkStore>().FindAsync("RJ01000002", Ct)).ShouldBeNull();
        (await _store.Get<IWorkStore>().CountAsync(Ct)).ShouldBe(2);
    }

    static string WithStatus(string id, string status)
    {
        var work = JsonNode.Parse(Sample.Json(Sample.Work(id)))!.AsObject();
        work["status"] = status;
        return work.ToJsonString();
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
