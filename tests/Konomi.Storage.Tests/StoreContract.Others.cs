using Konomi.Contracts;
using Konomi.Storage.Ports;
using Konomi.Testing;

namespace Konomi.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task A_score_is_stored_once_per_work_user_model_and_version()
    {
        var scores = Get<IScoreStore>();
        var score = new WorkScored(Guid.NewGuid(), "RJ01000001", "u1", 0.83, 0.42, true, "tfidf-logistic", 1,
            [new ScoreReason("model", "voice actor: 春野ゆき", 0.31)]);

        (await scores.AddAsync(score, Ct)).ShouldBeTrue();
        (await scores.AddAsync(score with { Score = 0.1 }, Ct)).ShouldBeFalse();
        (await scores.AddAsync(score with { ModelVersion = 2, Liked = null }, Ct)).ShouldBeTrue();

        var listed = await scores.ListAsync("u1", ct: Ct);
        listed.Select(s => (s.ModelVersion, s.Liked)).ShouldBe([(2, (bool?)null), (1, true)]);
        Sample.Json(listed[1]).ShouldBe(Sample.Json(score));
        (await scores.ListAsync("u2", ct: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_batch_of_scores_stores_each_key_once_and_returns_only_the_new_ones()
    {
        var scores = Get<IScoreStore>();
        var run = Guid.NewGuid();
        WorkScored Score(string work, string user, double score) => new(run, work, user, score, 0.5, score >= 0.5, "ngram", 1, [new ScoreReason("model", "title: 耳かき", 0.2)]);
        var first = new[] { Score("RJ01000001", "u1", 0.9), Score("RJ01000002", "u1", 0.2), Score("RJ01000001", "u2", 0.7) };

        (await scores.AddManyAsync(first, Ct)).ShouldBe(first);
        // A redelivered batch: one key already stored (with another score), one new; the stored one stays as it was.
        var again = new[] { Score("RJ01000002", "u1", 0.99), Score("RJ01000003", "u1", 0.6) };
        (await scores.AddManyAsync(again, Ct)).ShouldBe([again[1]]);
        (await scores.AddManyAsync(first, Ct)).ShouldBeEmpty();

        var alice = await scores.ListAsync("u1", ct: Ct);
        alice.Select(s => (s.WorkId, s.Score)).OrderBy(s => s.WorkId).ShouldBe([("RJ01000001", 0.9), ("RJ01000002", 0.2), ("RJ01000003", 0.6)]);
        Sample.Json(alice.Single(s => s.WorkId == "RJ01000001")).ShouldBe(Sample.Json(first[0]));
        (await scores.ListAsync("u2", ct: Ct)).Select(s => s.WorkId).ShouldBe(["RJ01000001"]);
        (await scores.AddManyAsync([], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_run_s_scores_are_found_by_user_and_work_and_the_newest_wins_within_the_run()
    {
        var scores = Get<IScoreStore>();
        Guid run = Guid.NewGuid(), other = Guid.NewGuid();
        WorkScored Score(Guid crawl, string work, string user, int version, double score) =>
            new(crawl, work, user, score, 0.5, score >= 0.5, "ngram", version, [new ScoreReason("model", "title: 耳かき", 0.2)]);
        await scores.AddManyAsync([
            Score(run, "RJ01000001", "u1", 1, 0.9), Score(run, "RJ01000002", "u1", 1, 0.2), Score(run, "RJ01000003", "u1", 1, 0.7),
            Score(run, "RJ01000001", "u2", 1, 0.1), Score(other, "RJ01000002", "u1", 2, 0.8)], Ct);
        // Redelivered after a promotion: the same run scores the work again with the new version.
        var rescored = Score(run, "RJ01000001", "u1", 2, 0.6);
        await scores.AddAsync(rescored, Ct);

        var found = await scores.FindRunAsync("u1", run, ["RJ01000001", "RJ01000002", "RJ01000009", "RJ01000001"], Ct);

        found.Keys.Order().ShouldBe(["RJ01000001", "RJ01000002"]);
        Sample.Json(found["RJ01000001"]).ShouldBe(Sample.Json(rescored));
        found["RJ01000002"].Score.ShouldBe(0.2);
        (await scores.FindRunAsync("u2", other, ["RJ01000002"], Ct)).ShouldBeEmpty();
        (await scores.FindRunAsync("u1", run, [], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_snapshot_is_kept_once_per_crawl_run_and_floor_newest_first()
    {
        var snapshots = Get<ISnapshotStore>();
        var older = new CrawlSnapshot(Guid.NewGuid(), Sample.Noon, "voice", ["RJ01000002", "RJ01000001"]);
        var newer = new CrawlSnapshot(Guid.NewGuid(), Sample.Noon.AddHours(1), "voice", ["RJ01000003"]);

        await snapshots.AddAsync(older, Ct);
        await snapshots.AddAsync(newer, Ct);
        await snapshots.AddAsync(older, Ct);
        await snapshots.AddAsync(newer with { Floor = "asmr" }, Ct);

        var listed = await snapshots.ListAsync("voice", ct: Ct);
        listed.Select(s => s.CrawlRunId).ShouldBe([newer.CrawlRunId, older.CrawlRunId]);
        listed[1].WorkIds.ShouldBe(["RJ01000002", "RJ01000001"]);
        (await snapshots.ListAsync(limit: 10, ct: Ct)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_user_profile_round_trips_every_field_and_an_upsert_replaces_it()
    {
        var users = Get<IUserStore>();
        var profile = new UserProfile("u1", "U0SLACK", "C0123", DeliveryMode.Digest, new TimeOnly(23, 0), new TimeOnly(7, 30),
            "Europe/Berlin", 5, true, new Preferences { LikedVoiceActors = ["春野ゆき"], BlockedGenres = ["ホラー"] });

        await users.UpsertAsync(profile with { MaxPerRun = 1 }, Ct);
        await users.UpsertAsync(profile, Ct);
        await users.UpsertAsync(new UserProfile("u0"), Ct);

        Sample.Json(await users.FindAsync("u1", Ct)).ShouldBe(Sample.Json(profile));
        (await users.ListAsync(Ct)).Select(u => u.UserId).ShouldBe(["u0", "u1"]);
        (await users.FindAsync("nobody", Ct)).ShouldBeNull();
    }
}
