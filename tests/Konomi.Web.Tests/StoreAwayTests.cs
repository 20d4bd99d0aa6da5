using System.Net;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Web.Tests;

/// <summary>The store briefly away (a locked SQLite file, a MongoDB failover): the person is told so, nothing is lost.</summary>
public sealed class StoreAwayTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_the_store_does_not_answer_pages_and_presses_say_so_with_503_and_a_press_after_it_is_back_is_stored()
    {
        AwayUserStore? users = null;
        await using var app = await WebApp.StartAsync(services: s => s.AddSingleton<IUserStore>(p =>
            users = new AwayUserStore(ActivatorUtilities.CreateInstance<Konomi.Storage.Sqlite.SqliteUserStore>(p))));
        await app.AddUserAsync("alice");
        var work = (await app.AddWorksAsync(SampleWorks.Range(0, 1)))[0];
        using var forms = new FormClient(app);
        var press = (string id) => forms.PostAsync("/?handler=Feedback", new() { ["user"] = "alice", ["work"] = id, ["run"] = Guid.Empty.ToString(), ["seen"] = "none", ["interested"] = "true" });
        // The form's token, taken from a page while the store answers (a work it does not hold: nothing is stored).
        (await press("NO-SUCH-WORK")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        users!.Away = true;
        using var page = await forms.GetAsync("/?user=alice");
        using var refused = await press(work.Id);

        foreach (var answer in new[] { page, refused })
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var text = await answer.Content.ReadAsStringAsync(Ct);
            text.ShouldContain("store is not answering");
            text.ShouldNotContain("   at ");
        }
        (await app.Get<ILabelStore>().ListAsync("alice", Ct)).ShouldBeEmpty();

        users.Away = false;
        (await press(work.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Get<ILabelStore>().FindAsync("alice", work.Id, Ct))!.Interested.ShouldBeTrue();
    }
}
