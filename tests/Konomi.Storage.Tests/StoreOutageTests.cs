using System.Net;
using Konomi.Storage.Mongo;
using Konomi.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;

namespace Konomi.Storage.Tests;

public sealed class StoreOutageTests
{
    static readonly ConnectionId Connection = new(new ServerId(new ClusterId(), new DnsEndPoint("localhost", 27017)));

    [Fact]
    public void A_busy_locked_full_read_only_or_failing_SQLite_file_is_an_outage_and_a_broken_constraint_or_a_damaged_file_is_not()
    {
        var outage = new SqliteOutage();

        outage.IsTransient(new SqliteException("database is locked", 5)).ShouldBeTrue();
        outage.IsTransient(new SqliteException("database table is locked", 6)).ShouldBeTrue();
        outage.IsTransient(new InvalidOperationException("wrapped", new SqliteException("database is locked", 5))).ShouldBeTrue();
        outage.IsTransient(new SqliteException("database or disk is full", 13)).ShouldBeTrue();
        outage.IsTransient(new SqliteException("attempt to write a readonly database", 8)).ShouldBeTrue();
        outage.IsTransient(new SqliteException("disk I/O error", 10)).ShouldBeTrue();
        outage.IsTransient(new SqliteException("UNIQUE constraint failed", 19)).ShouldBeFalse();
        outage.IsTransient(new SqliteException("database disk image is malformed", 11)).ShouldBeFalse();
        outage.IsTransient(new TimeoutException()).ShouldBeFalse();
    }

    [Fact]
    public void An_unreachable_MongoDB_is_an_outage_and_wrong_credentials_are_not()
    {
        var outage = new MongoOutage();

        outage.IsTransient(new MongoConnectionException(Connection, "connection refused")).ShouldBeTrue();
        outage.IsTransient(new TimeoutException("no server selected")).ShouldBeTrue();
        outage.IsTransient(new InvalidOperationException("wrapped", new MongoConnectionException(Connection, "reset"))).ShouldBeTrue();
        outage.IsTransient(new MongoAuthenticationException(Connection, "bad password")).ShouldBeFalse();
        outage.IsTransient(new SqliteException("database is locked", 5)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("sqlite", typeof(SqliteOutage))]
    [InlineData("mongo", typeof(MongoOutage))]
    public void The_configured_provider_says_which_of_its_failures_are_an_outage(string provider, Type expected)
    {
        using var host = StorageHost.Build([new("Storage:Provider", provider), new("ConnectionStrings:Mongo", "mongodb://127.0.0.1:1/konomi")]);

        host.Services.GetRequiredService<StoreOutage>().ShouldBeOfType(expected);
    }
}
