namespace Konomi.Storage.Ports;

/// <summary>
/// The crawler's record of works whose own documents keep failing, kept in the store so a restart or another
/// replica neither forgets a given-up work nor starts its count over.
/// </summary>
public interface ICrawlFailureStore
{
    /// <summary>Counts one more failed cycle for the work (the first creates the record); returns the record after it.</summary>
    Task<CrawlFailure> RecordAsync(string workId, string error, DateTimeOffset at, CancellationToken ct = default);

    Task<CrawlFailure?> FindAsync(string workId, CancellationToken ct = default);

    /// <summary>Most recently failed first.</summary>
    Task<IReadOnlyList<CrawlFailure>> ListAsync(int limit = 100, CancellationToken ct = default);

    /// <summary>Drops the work's record (stored at last, or an operator retries it); false when there was none.</summary>
    Task<bool> ForgetAsync(string workId, CancellationToken ct = default);
}
