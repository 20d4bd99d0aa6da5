using Konomi.Storage.Ports;
using Konomi.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Konomi.Storage.Tests;

public sealed class UserSeedingTests : IAsyncDisposable
{
    private readonly TestStore _store = TestStore.Sqlite();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_no_users_configured_the_first_start_creates_the_active_user_me()
    {
        var users = await StartAsync([]);

        users.ShouldBe([new UserProfile("me")]);
    }

    [Fact]
    public async Task Configured_users_are_upserted_with_every_field_and_no_default_user_is_added()
    {
        await _store.Get<IUserStore>().UpsertAsync(new UserProfile("alice", MaxPerRun: 1), Ct);

        var users = await StartAsync(new()
        {
            ["Users:0:UserId"] = "alice",
            ["Users:0:SlackUserId"] = "U0ALICE",
            ["Users:0:Delivery"] = "Digest",
            ["Users:0:QuietFrom"] = "23:00",
            ["Users:0:QuietTo"] = "07:30",
            ["Users:0:TimeZone"] = "Europe/Berlin",
            ["Users:0:MaxPerRun"] = "5",
            ["Users:0:Preferences:BlockedGenres:0"] = "ホラー",
            ["Users:1:UserId"] = "team",
            ["Users:1:Channel"] = "C0TEAM",
            ["Users:1:Active"] = "false",
        });

        users.Select(u => u.UserId).ShouldBe(["alice", "team"]);
        Sample.Json(users[0]).ShouldBe(Sample.Json(new UserProfile("alice", "U0ALICE", null, DeliveryMode.Digest,
            new TimeOnly(23, 0), new TimeOnly(7, 30), "Europe/Berlin", 5, true, new Preferences { BlockedGenres = ["ホラー"] })));
        (users[1].Channel, users[1].Active).ShouldBe(("C0TEAM", false));
    }

    [Fact]
    public async Task A_configured_user_without_an_id_stops_the_start_with_a_clear_error()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(new() { ["Users:0:Channel"] = "C0TEAM" }));

        error.Message.ShouldBe("Users:0:UserId is missing: every configured user needs one.");
    }

    [Fact]
    public async Task A_configured_user_with_an_unknown_time_zone_stops_the_start_with_a_clear_error()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Users:0:UserId"] = "alice",
            ["Users:1:UserId"] = "bob",
            ["Users:1:TimeZone"] = "Asia/Tokio",
        }));

        error.Message.ShouldBe("Users:1:TimeZone: 'Asia/Tokio' is not a known time zone id (IANA, e.g. Asia/Tokyo).");
    }

    [Fact]
    public async Task Quiet_hours_that_begin_and_end_at_the_same_time_stop_the_start_instead_of_holding_nothing()
    {
        var alice = new Dictionary<string, string?> { ["Users:0:UserId"] = "alice", ["Users:0:QuietFrom"] = "07:00", ["Users:0:QuietTo"] = "07:00" };

        (await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(alice))).Message
            .ShouldBe("Users:0:QuietTo: 07:00 is QuietFrom too: such quiet hours would hold nothing; give the time they end, or leave both out for none.");
        (await _store.Get<IUserStore>().ListAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_configured_user_id_that_users_add_would_refuse_stops_the_start_and_stores_no_user()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Users:0:UserId"] = "alice",
            ["Users:1:UserId"] = "bob smith",
        }));

        error.Message.ShouldBe("Users:1:UserId: 'bob smith' is not a user id: use letters, digits, '-', '_' or '.'.");
        (await _store.Get<IUserStore>().ListAsync(Ct)).ShouldBeEmpty();
    }

    // The same rules as `konomi users add` (one place: UserProfile.Problems); each field on its own.
    [Theory]
    [InlineData("UserId", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Users:1:UserId: 'bbbbbbbbbbbbbbbb…' (65 characters) is not a user id: use at most 64.")]
    [InlineData("SlackUserId", "#general", "Users:1:SlackUserId: '#general' is not a Slack member id (U012ABCDEF: in Slack, the profile's ⋮ → Copy member ID).")]
    [InlineData("SlackUserId", "C0123ABC", "Users:1:SlackUserId: 'C0123ABC' is not a Slack member id (U012ABCDEF: in Slack, the profile's ⋮ → Copy member ID).")]
    [InlineData("Channel", "general", "Users:1:Channel: 'general' is not a Slack channel id (C012ABCDEF: at the bottom of the channel's details), not its name.")]
    [InlineData("Channel", "U0456DEF", "Users:1:Channel: 'U0456DEF' is not a Slack channel id (C012ABCDEF: at the bottom of the channel's details), not its name.")]
    [InlineData("MaxPerRun", "-5", "Users:1:MaxPerRun: -5 is not a number of posts: give 1 or more (Active: false posts nothing).")]
    [InlineData("MaxPerRun", "0", "Users:1:MaxPerRun: 0 is not a number of posts: give 1 or more (Active: false posts nothing).")]
    [InlineData("Delivery", "7", "Users:1:Delivery: '7' is not a delivery: Instant or Digest.")]
    [InlineData("QuietFrom", "23:00", "Users:1:QuietTo: missing: quiet hours need both QuietFrom and QuietTo (local times, e.g. 23:00 and 07:30).")]
    [InlineData("QuietTo", "07:30", "Users:1:QuietFrom: missing: quiet hours need both QuietFrom and QuietTo (local times, e.g. 23:00 and 07:30).")]
    public async Task A_configured_value_that_users_add_would_refuse_stops_the_start_naming_its_key_and_stores_no_user(
        string field, string value, string message)
    {
        (await RefusedAsync(field, value)).ShouldBe([message]);
        (await _store.Get<IUserStore>().ListAsync(Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Chanel", "C0TEAM", "Users:1:Chanel is not a setting; did you mean Users:1:Channel?")]
    [InlineData("Preferences:BlockedGenre:0", "ホラー", "Users:1:Preferences:BlockedGenre is not a setting; did you mean Users:1:Preferences:BlockedGenres?")]
    [InlineData("MaxPerRun", "many", "Users:1:MaxPerRun: 'many' is not a whole number")]
    [InlineData("Delivery", "Dijest", "Users:1:Delivery: 'Dijest' is not one of Instant, Digest")]
    [InlineData("QuietFrom", "late", "Users:1:QuietFrom: 'late' is not a time of day such as 23:00")]
    public async Task A_mistyped_key_or_a_value_that_does_not_convert_stops_the_start_naming_it_and_stores_no_user(
        string field, string value, string message)
    {
        (await RefusedAsync(field, value)).ShouldBe([message]);
        (await _store.Get<IUserStore>().ListAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_unusable_entry_is_named_at_once()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Users:0:UserId"] = "alice",
            ["Users:0:TimeZone"] = "Asia/Tokio",
            ["Users:1:Channel"] = "C0TEAM",
        }));

        error.Failures.ShouldBe([
            "Users:0:TimeZone: 'Asia/Tokio' is not a known time zone id (IANA, e.g. Asia/Tokyo).",
            "Users:1:UserId is missing: every configured user needs one.",
        ]);
    }

    // A first deploy or `docker compose up`: MongoDB not answering yet when a service starts. Before, the seeding's
    // first query failed the start with a stack trace.
    [Fact]
    public async Task A_store_away_at_start_is_waited_for_saying_why_and_the_start_goes_on_once_it_answers()
    {
        using var mongo = await PrivateMongoWire.StartAsync(Ct);
        mongo.Freeze();
        var clock = new WaitRecordingClock();
        using var logs = new FakeLoggerProvider();
        using var host = OnClock(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "mongo",
            ["ConnectionStrings:Mongo"] = mongo.ConnectionString($"konomi_start_{Guid.NewGuid():N}"),
            ["Users:0:UserId"] = "alice",
        }, clock, logs);

        // Still away at each try: the wait doubles, and the next try waits for the clock.
        await StartThroughThreeTriesAsync(host, clock, failed =>
        {
            clock.Waits[^1].ShouldBe(TimeSpan.FromSeconds(1 << (failed - 1)));
            logs.Lines().Count(l => l.StartsWith("Warning") && l.Contains("The store does not answer at start") && l.Contains("TimeoutException"))
                .ShouldBe(failed);
            if (failed == 3)
                mongo.Thaw();
            return Task.CompletedTask;
        });

        (await host.Services.GetRequiredService<IUserStore>().ListAsync(Ct)).Select(u => u.UserId).ShouldBe(["alice"]);
        await host.StopAsync(Ct);
    }

    // A disk already full when a service starts: the store's own line names it; a second line at each try of the
    // start's wait ("does not answer at start") told the operator the wrong cause again and again.
    [Fact]
    public async Task A_store_full_at_start_is_told_once_in_the_store_s_own_line_and_the_start_goes_on_once_space_is_freed()
    {
        (await _store.Get<IUserStore>().ListAsync(Ct)).ShouldBeEmpty();
        var directory = _store.Settings["Storage:DataDirectory"]!;
        await using var disk = await FullDisk.FillAsync(Path.Combine(directory, "konomi.db"), 1, "users");
        var clock = new WaitRecordingClock();
        using var logs = new FakeLoggerProvider();
        using var host = OnClock(new Dictionary<string, string?>(_store.Settings) { ["Storage:MaxSizeMb"] = "1", ["Users:0:UserId"] = "alice" }, clock, logs);

        await StartThroughThreeTriesAsync(host, clock, async failed =>
        {
            if (failed == 3)
                await disk.FreeAsync();
        });

        // Polly's own telemetry is left out: konomi's console turns it off (ConsoleLogging).
        var warnings = logs.Lines().Where(l => l.StartsWith("Warning") && !l.StartsWith("Warning Polly")).ToList();
        warnings.ShouldHaveSingleItem().ShouldContain($"The store cannot be written: the disk holding {directory} is full, or konomi.db reached Storage:MaxSizeMb (1 MB)");
        (await host.Services.GetRequiredService<IUserStore>().ListAsync(Ct)).Select(u => u.UserId).ShouldBe(["alice"]);
        await host.StopAsync(Ct);
    }

    /// <summary>A storage host with these settings whose waits run on <paramref name="clock"/>, logging to <paramref name="logs"/>.</summary>
    private static IHost OnClock(IDictionary<string, string?> settings, WaitRecordingClock clock, FakeLoggerProvider logs)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Logging.AddProvider(logs);
        builder.AddKonomiStorage();
        return builder.Build();
    }

    /// <summary>
    /// Starts the host on a store that fails each try: after each failed try and its wait, <paramref name="afterTry"/>
    /// looks (and mends the store after the third), then the clock passes the wait; returns once the start is done.
    /// </summary>
    private static async Task StartThroughThreeTriesAsync(IHost host, WaitRecordingClock clock, Func<int, Task> afterTry)
    {
        var starting = host.StartAsync(Ct);
        for (var failed = 1; failed <= 3; failed++)
        {
            await Eventually.HoldsAsync(() => clock.Waits.Count == failed || starting.IsCompleted, $"try {failed} failed and a wait after it");
            starting.IsCompleted.ShouldBeFalse($"the start waits for the store, not {starting.Exception?.InnerException?.GetType().Name}");
            await afterTry(failed);
            clock.Advance(clock.Waits[^1]);
        }
        await starting;
    }

    /// <summary>Why the start with alice and bob, bob's <paramref name="field"/> set to <paramref name="value"/>, was refused.</summary>
    private async Task<IEnumerable<string>> RefusedAsync(string field, string value)
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() => StartAsync(new()
        {
            ["Users:0:UserId"] = "alice",
            ["Users:0:SlackUserId"] = "U0ALICE",
            ["Users:1:UserId"] = "bob",
            [$"Users:1:{field}"] = value,
        }));
        return error.Failures;
    }

    private async Task<IReadOnlyList<UserProfile>> StartAsync(Dictionary<string, string?> users)
    {
        using var host = StorageHost.Build(_store.Settings.Concat(users));
        await host.StartAsync(Ct);
        await host.StopAsync(Ct);
        return await host.Services.GetRequiredService<IUserStore>().ListAsync(Ct);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
