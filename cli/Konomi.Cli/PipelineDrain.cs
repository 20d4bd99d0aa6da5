using MassTransit;

namespace Konomi.Cli;

/// <summary>
/// Tells when the in-process pipeline has gone quiet: no message being received or consumed and none
/// published for a while. <c>konomi run --once</c> waits for it so one crawl is followed to the end
/// (scored, notified) before the process exits. Messages held by a batch consumer count as in flight. Quiet and
/// timeout are on the host's <see cref="TimeProvider"/>, as every other wait in Konomi.
/// </summary>
public sealed class PipelineDrain(TimeProvider time) : IReceiveObserver, IPublishObserver
{
    int _inFlight;
    long _lastActivity = time.GetTimestamp();

    public static PipelineDrain Attach(IBus bus, TimeProvider time)
    {
        var drain = new PipelineDrain(time);
        bus.ConnectReceiveObserver(drain);
        bus.ConnectPublishObserver(drain);
        return drain;
    }

    public async Task WaitAsync(TimeSpan quiet, TimeSpan timeout, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        while (Volatile.Read(ref _inFlight) > 0 || time.GetElapsedTime(Interlocked.Read(ref _lastActivity)) < quiet)
        {
            if (time.GetElapsedTime(started) > timeout)
                throw new TimeoutException($"The pipeline still had {_inFlight} message(s) in flight after {timeout}.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct);
        }
    }

    void Touch() => Interlocked.Exchange(ref _lastActivity, time.GetTimestamp());

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
