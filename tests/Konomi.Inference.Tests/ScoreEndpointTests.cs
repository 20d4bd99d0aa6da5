using System.Net;
using Konomi.Contracts;
using System.Net.Http.Json;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace Konomi.Inference.Tests;

public sealed class ScoreEndpointTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scores_a_posted_work_for_each_active_user_without_storing_it()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("alice"), Ct);
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("bob"), Ct);
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        await using var app = await StartAsync(store);

        var response = await app.GetTestClient().PostAsJsonAsync("/score", SampleWorks.Create(400), KonomiJson.Options, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var scores = (await response.Content.ReadFromJsonAsync<List<WorkScore>>(Ct))!;
        var alice = scores.Single(s => s.UserId == "alice");
        alice.Liked.ShouldBe(true);
        alice.Reasons.ShouldNotBeEmpty();
        scores.Single(s => s.UserId == "bob").Liked.ShouldBeNull();
        (await store.Get<IScoreStore>().ListAsync("alice", ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Scores_for_the_named_user_only()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("bob"), Ct);
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        await using var app = await StartAsync(store);

        var response = await app.GetTestClient().PostAsJsonAsync("/score?user=alice", SampleWorks.Create(401), KonomiJson.Options, Ct);

        var score = (await response.Content.ReadFromJsonAsync<List<WorkScore>>(Ct))!.ShouldHaveSingleItem();
        score.UserId.ShouldBe("alice");
        score.Liked.ShouldBe(false);
    }

    [Theory]
    [InlineData("""{"title":"耳かき","url":"https://x"}""")]
    [InlineData("""{"id":"","title":"耳かき","url":"https://x"}""")]
    [InlineData("""{"id":"RJ01000000","title":""")]
    public async Task A_malformed_work_is_a_bad_request(string json)
    {
        await using var store = TestStore.Sqlite();
        await using var app = await StartAsync(store);

        var response = await app.GetTestClient().PostAsync("/score", new StringContent(json, null, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("genres", "genres must be a list of texts, not null")]
    [InlineData("circle", "circle must be a text, not null")]
    public async Task A_null_field_is_a_bad_request_that_names_the_field(string field, string problem)
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("alice"), Ct);
        await TasteModelSeed.ServeAsync(store.Get<ITasteModelRegistry>(), "alice", SampleWorks.IsSoothing, Ct);
        await using var app = await StartAsync(store);
        var json = $$"""{"id":"RJ01000000","title":"耳かき","url":"https://x","{{field}}":null}""";

        var response = await app.GetTestClient().PostAsync("/score", new StringContent(json, null, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(problem);
    }

    [Fact]
    public async Task A_work_as_konomi_parse_prints_it_is_scored()
    {
        await using var store = TestStore.Sqlite();
        await store.Get<IUserStore>().UpsertAsync(new UserProfile("alice"), Ct);
        await using var app = await StartAsync(store);
        const string json = """{"id":"RJ01000000","title":"耳かき","url":"https://x","ageCategory":"all-ages","status":"released"}""";

        var response = await app.GetTestClient().PostAsync("/score", new StringContent(json, null, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    static async Task<WebApplication> StartAsync(TestStore store)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.AddKonomiStorage();
        builder.AddInference();
        var app = builder.Build();
        app.MapScore();
        await app.StartAsync(Ct);
        return app;
    }
}
