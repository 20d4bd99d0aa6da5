using System.Reflection;
using Konomi.Storage.Ports;

namespace Konomi.Feedback.Tests;

/// <summary>
/// The notification ledger, but its first <see cref="FailingFinds"/> look-ups of a message fail as a store away
/// for a while does: the follow-up's publish step, which looks up the click's crawl run, fails with them.
/// </summary>
public class UnavailableLedger : DispatchProxy
{
    INotificationStore _ledger = null!;
    int _failingFinds;

    public static INotificationStore Wrap(INotificationStore ledger, int failingFinds)
    {
        var proxy = Create<INotificationStore, UnavailableLedger>();
        var unavailable = (UnavailableLedger)(object)proxy;
        (unavailable._ledger, unavailable._failingFinds) = (ledger, failingFinds);
        return proxy;
    }

    public int FailingFinds => Volatile.Read(ref _failingFinds);

    protected override object? Invoke(MethodInfo? method, object?[]? args) =>
        method!.Name == nameof(INotificationStore.FindByMessageAsync) && Interlocked.Decrement(ref _failingFinds) >= 0
            ? Task.FromException<Notification?>(new TimeoutException("the store did not answer"))
            : method.Invoke(_ledger, args);
}
