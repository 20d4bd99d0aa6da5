using Konomi.Storage.Ports;
using Konomi.Storage.Sqlite;
using Konomi.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Konomi.Storage.Tests;

/// <summary>
/// konomi.db that cannot grow: its disk full, or <c>Storage:MaxSizeMb</c> reached (SQLite's <c>max_page_count</c>,
/// which fails a write needing one more page with SQLITE_FULL, as a full disk does).
/// </summary>
public sealed class StoreFullTests
{
    const int MaxSizeMb = 1;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_store_at_its_size_cap_refuses_a_write_as_a_full_disk_an_outage_and_takes_it_once_space_is_freed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "konomi-tests", Guid.NewGuid().ToString("N"));
        using var host = StorageHost.Build([new("Storage:Provider", "sqlite"), new("Storage:DataDirectory", directory), new("Storage:MaxSizeMb", $"{MaxSizeMb}")]);
        var works = host.Services.GetRequiredService<IWorkStore>();
        await works.AddAsync(Sample.Work("RJ01000001"), Guid.NewGuid(), Ct);
        await using var disk = await FullDisk.FillAsync(Path.Combine(directory, "konomi.db"), MaxSizeMb);
        // A work whose description takes more than the page it would fit in.
        var longer = Sample.Work("RJ01000002") with { Description = new string('癒', 3000) };

        var refused = await Should.ThrowAsync<SqliteException>(() => works.AddAsync(longer, Guid.NewGuid(), Ct));

        refused.SqliteErrorCode.ShouldBe(13);
        host.Services.GetRequiredService<StoreOutage>().IsTransient(refused).ShouldBeTrue();
        (await works.FindAsync(longer.Id, Ct)).ShouldBeNull();
        await disk.FreeAsync();
        (await works.AddAsync(longer, Guid.NewGuid(), Ct)).ShouldBeTrue();
        (await works.FindAsync(longer.Id, Ct)).ShouldNotBeNull().Description.ShouldBe(longer.Description);
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void A_size_cap_below_one_megabyte_stops_the_start_naming_the_setting()
    {
        using var host = StorageHost.Build([new("Storage:Provider", "sqlite"), new("Storage:MaxSizeMb", "0")]);

        var refused = Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Konomi.Settings.SettingFailures.Describe(refused).ShouldBe("Storage:MaxSizeMb must be a whole number of megabytes, at least 1");
    }

    [Theory]
    [InlineData(13, "the disk holding /srv/konomi is full, or konomi.db reached Storage:MaxSizeMb (50 MB)")]
    [InlineData(8, "konomi.db in /srv/konomi is read-only (a disk remounted read-only, or its owner or permissions changed)")]
    [InlineData(10, "the disk holding /srv/konomi fails to read or write (an unplugged or failing disk, a mount gone)")]
    public void A_store_that_cannot_be_written_is_an_outage_told_in_one_line_naming_the_data_directory_once_per_ten_minutes(int code, string cause)
    {
        var clock = new FakeTimeProvider(Sample.Noon);
        var logger = new FakeLogger<SqliteOutage>();
        var database = new SqliteDatabase(Options.Create(new StorageOptions { DataDirectory = "/srv/konomi", MaxSizeMb = 50 }));
        var outage = new SqliteOutage(database, logger, clock);
        var failure = new SqliteException("SQLite Error", code);

        outage.IsTransient(failure).ShouldBeTrue();
        outage.IsTransient(new InvalidOperationException("wrapped", failure)).ShouldBeTrue();
        clock.Advance(SqliteOutage.TellEvery - TimeSpan.FromSeconds(1));
        outage.IsTransient(failure).ShouldBeTrue();
        var told = logger.Collector.GetSnapshot();
        told.Count.ShouldBe(1);
        told[0].Level.ShouldBe(LogLevel.Warning);
        told[0].Message.ShouldBe($"The store cannot be written: {cause}. Nothing is lost: what arrives waits, and Konomi carries on by itself once it can write again");

        clock.Advance(TimeSpan.FromSeconds(1));
        outage.IsTransient(failure).ShouldBeTrue();
        logger.Collector.Count.ShouldBe(2);
    }
}
