using Microsoft.Data.Sqlite;

namespace Konomi.Crawler.Tests.Crawling;

/// <summary>A data directory of its own per test, deleted afterwards.</summary>
sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "konomi-crawler-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        // Pooled connections keep the SQLite file open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
