namespace Konomi.Storage;

/// <summary>
/// Which store exceptions mean "the store is away for now" (a failover, a restart, a locked file) rather than
/// "this message cannot be handled": the bus retries the former for minutes, the latter only briefly. Each
/// adapter registers its own, since only it knows its driver's exceptions; the bus asks the registered one.
/// </summary>
public abstract class StoreOutage
{
    public bool IsTransient(Exception exception) =>
        Classify(exception) ?? (exception.InnerException is { } inner && IsTransient(inner));

    /// <summary>
    /// True for an outage the store tells in its own line (a full or read-only disk, named with the data directory): one
    /// waiting for it adds no line of its own each try, so the operator reads it once.
    /// </summary>
    public bool IsTold(Exception exception) =>
        Tells(exception) || (exception.InnerException is { } inner && IsTold(inner));

    protected virtual bool Tells(Exception exception) => false;

    /// <summary>True: the store is away; false: a failure of this store that waiting will not mend; null: not
    /// one of this store's own, so whatever it wraps decides.</summary>
    protected abstract bool? Classify(Exception exception);
}
