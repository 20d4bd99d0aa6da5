using MassTransit;

namespace Konomi.Cli;

/// <summary>
/// Tells when the in-process pipeline has gone quiet: no message being received or consumed and none
/// published for a while. <c>konomi run --once</c> waits for it so one crawl is followed to the end
/// (scored, notified) before the process exits. Messages held by a batch consumer count as in flight.
/// </summary>
public sealed class PipelineDrain : IReceiveObserver, IPublishObserver
{
    int _inFlight;
    long _lastActivity = Environment.TickCount64;

    public static PipelineDrain Attach(IBus bus)
    {
        var drain = new PipelineDrain();
        bus.ConnectReceiveObserver(drain);
        bus.ConnectPublishObserver(drain);
        return drain;
    }

    public async Task WaitAsync(TimeSpan quiet, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Volatile.Read(ref _inFlight) > 0 || Environment.TickCount64 - Interlocked.Read(ref _lastActivity) < quiet.TotalMilliseconds)
        {
            if (Environment.TickCount64 > deadline)
                throw new TimeoutException($"The pipeline still had {_inFlight} message(s) in flight after {timeout}.");
            await Task.Delay(100, ct);
        }
    }

    void Touch() => Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);

    public Task PreReceive(ReceiveContext context)
    {
        Interlocked.Increment(ref _inFlight);
        Touch();
        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context) => Done();

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Done();

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

    public Task PrePublish<T>(PublishContext<T> context) where T : class
    {
        Touch();
        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    Task Done()
    {
        Interlocked.Decrement(ref _inFlight);
        Touch();
        return Task.CompletedTask;
    }
}
