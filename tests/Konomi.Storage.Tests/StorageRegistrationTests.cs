using Konomi.Storage.Ports;
using Konomi.Storage.Sqlite;
using Konomi.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Konomi.Storage.Tests;

public sealed class StorageRegistrationTests : IAsyncDisposable
{
    private readonly TestStore _store = TestStore.Sqlite();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Adding_storage_twice_registers_every_port_and_check_once()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(_store.Settings);

        builder.AddKonomiStorage();
        builder.AddKonomiStorage();

        Type[] ports = [typeof(IWorkStore), typeof(ISnapshotStore), typeof(ILabelStore), typeof(IScoreStore),
            typeof(INotificationStore), typeof(ITasteModelRegistry), typeof(IUserStore), typeof(ICrawlFailureStore), typeof(IFloorReadStore), typeof(IKeyRingStore)];
        ports.ShouldAllBe(port => builder.Services.Count(d => d.ServiceType == port) == 1);
        using var host = builder.Build();
        host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Select(r => (r.Name, string.Join(',', r.Tags))).ShouldBe([("sqlite", "ready")]);
    }

    [Fact]
    public async Task The_SQLite_store_is_konomi_db_in_the_data_directory_in_WAL_mode()
    {
        var database = _store.Get<SqliteDatabase>();
        await using var connection = await database.OpenAsync(Ct);
        await using var command = connection.Command("PRAGMA journal_mode");

        (await command.ExecuteScalarAsync(Ct)).ShouldBe("wal");
        database.FilePath.ShouldBe(Path.Combine(_store.Settings["Storage:DataDirectory"]!, "konomi.db"));
        File.Exists(database.FilePath).ShouldBeTrue();
    }

    [Fact]
    public async Task Starting_again_on_an_existing_store_keeps_its_data()
    {
        await _store.Get<ILabelStore>().RecordAsync(Sample.Click("c1", true, Sample.Noon), Ct);

        using var restarted = StorageHost.Build(_store.Settings);
        var labels = restarted.Services.GetRequiredService<ILabelStore>();

        (await labels.FindAsync("u1", "RJ01000001", Ct)).ShouldNotBeNull().Interested.ShouldBeTrue();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_store_that_cannot_open_at_first_opens_once_the_cause_is_gone()
    {
        var dataDirectory = _store.Settings["Storage:DataDirectory"]!;
        Directory.CreateDirectory(Path.GetDirectoryName(dataDirectory)!);
        await File.WriteAllTextAsync(dataDirectory, "a file where the folder should be", Ct);
        var users = _store.Get<IUserStore>();

        await Should.ThrowAsync<IOException>(() => users.ListAsync(Ct));
        File.Delete(dataDirectory);

        (await users.ListAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public void A_data_directory_under_tilde_is_in_the_home_folder()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        new StorageOptions().ExpandedDataDirectory().ShouldBe(Path.Combine(home, ".konomi"));
        new StorageOptions { DataDirectory = "~" }.ExpandedDataDirectory().ShouldBe(home);
        new StorageOptions { DataDirectory = "/srv/konomi" }.ExpandedDataDirectory().ShouldBe("/srv/konomi");
    }

    [Fact]
    public void An_unknown_provider_is_a_clear_error()
    {
        var error = Should.Throw<Konomi.Settings.SettingException>(() => StorageHost.Build([new("Storage:Provider", "postgres")]));

        error.Message.ShouldBe("Storage:Provider 'postgres' is not a provider; the providers are sqlite and mongo.");
    }

    [Fact]
    public void Mongo_without_a_connection_string_is_a_clear_error()
    {
        var error = Should.Throw<Konomi.Settings.SettingException>(() => StorageHost.Build([new("Storage:Provider", "mongo")]));

        error.Message.ShouldBe("Storage:Provider is mongo but ConnectionStrings:Mongo is not set.");
    }

    [Fact]
    public void A_mongo_connection_string_that_is_not_one_is_a_clear_error_that_does_not_repeat_it()
    {
        var error = Should.Throw<Konomi.Settings.SettingException>(() =>
            StorageHost.Build([new("Storage:Provider", "mongo"), new("ConnectionStrings:Mongo", "mongo.example:27017?user=konomi&password=s3cret")]));

        error.Message.ShouldBe("ConnectionStrings:Mongo is not a MongoDB connection string (mongodb://HOST:27017/konomi or mongodb+srv://HOST/konomi).");
    }

    [Fact]
    public async Task Readiness_is_healthy_on_a_working_store_and_unhealthy_when_MongoDB_does_not_answer()
    {
        var unreachable = $"mongodb://127.0.0.1:{FreePort.Next()}/konomi?serverSelectionTimeoutMS=300&connectTimeoutMS=300";
        using var down = StorageHost.Build([new("Storage:Provider", "mongo"), new("ConnectionStrings:Mongo", unreachable)]);

        (await ReadinessAsync(_store.Services)).ShouldBe(HealthStatus.Healthy);
        (await ReadinessAsync(down.Services)).ShouldBe(HealthStatus.Unhealthy);
    }

    private static async Task<HealthStatus> ReadinessAsync(IServiceProvider services)
    {
        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"), Ct);
        return report.Status;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
