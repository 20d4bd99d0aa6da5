using Konomi.Storage.Ports;
using Konomi.Storage.Retention;
using Konomi.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Storage.Tests.Retention;

public sealed class RetentionServiceTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(Sample.Noon);
    private readonly TestStore _store = TestStore.Sqlite();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prunes_at_start_and_again_each_interval_on_the_hosts_clock()
    {
        var snapshots = _store.Get<ISnapshotStore>();
        await snapshots.AddAsync(new CrawlSnapshot(Guid.NewGuid(), Sample.Noon.AddDays(-3), "voice", ["RJ01000001"]), Ct);
        await snapshots.AddAsync(new CrawlSnapshot(Guid.NewGuid(), Sample.Noon.AddHours(-23), "voice", ["RJ01000002"]), Ct);
        using var host = Build(new() { ["Retention:SnapshotsDays"] = "1", ["Retention:Interval"] = "06:00:00" });

        await host.StartAsync(Ct);
        await Eventually.HoldsAsync(async () => (await snapshots.ListAsync(ct: Ct)).Count == 1, "one snapshot left");

        _clock.Advance(TimeSpan.FromHours(2));   // the second snapshot is now older than a day, but the next run is at 6 h
        await Task.Delay(200, Ct);
        (await snapshots.ListAsync(ct: Ct)).Count.ShouldBe(1);
        _clock.Advance(TimeSpan.FromHours(4));
        await Eventually.HoldsAsync(async () => (await snapshots.ListAsync(ct: Ct)).Count == 0, "no snapshot left");
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task A_prune_that_removes_nothing_is_no_news_and_one_that_removes_is_told()
    {
        using var logs = new FakeLoggerProvider();
        var snapshots = _store.Get<ISnapshotStore>();
        using var host = Build(new() { ["Retention:SnapshotsDays"] = "1", ["Retention:Interval"] = "06:00:00" }, logs);

        await host.StartAsync(Ct);
        await Eventually.HoldsAsync(() => Task.FromResult(Pruned(logs).Count == 1), "the prune at start");
        Pruned(logs)[0].Level.ShouldBe(LogLevel.Debug);

        await snapshots.AddAsync(new CrawlSnapshot(Guid.NewGuid(), Sample.Noon.AddDays(-3), "voice", ["RJ01000001"]), Ct);
        _clock.Advance(TimeSpan.FromHours(6));
        await Eventually.HoldsAsync(() => Task.FromResult(Pruned(logs).Count == 2), "the prune after an interval");
        Pruned(logs)[1].Level.ShouldBe(LogLevel.Information);
        Pruned(logs)[1].Message.ShouldContain("snapshots 1,");
        await host.StopAsync(Ct);
    }

    private static List<FakeLogRecord> Pruned(FakeLoggerProvider logs) =>
        [.. logs.Collector.GetSnapshot().Where(r => r.Message.StartsWith("Retention removed", StringComparison.Ordinal))];

    [Theory]
    [InlineData("Retention:ScoresDays", "0")]
    [InlineData("Retention:KeepModelVersions", "-1")]
    [InlineData("Retention:Interval", "00:00:01")]
    public async Task A_setting_out_of_range_stops_the_start_naming_its_key(string key, string value)
    {
        using var host = Build(new() { [key] = value });

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        error.Message.ShouldContain($"{key} must be between");
    }

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    private IHost Build(Dictionary<string, string?> settings, FakeLoggerProvider? logs = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (logs is not null) builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Configuration.AddInMemoryCollection(_store.Settings).AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.AddKonomiRetention();
        return builder.Build();
    }
}
