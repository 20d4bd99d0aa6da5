using System.Collections.Concurrent;
using System.Diagnostics;
using Konomi.Contracts;
using MassTransit;

namespace Konomi.Benchmarks.Scale;

/// <summary>
/// Follows new works through the inference consumer: a work is through scoring once the consumer is done with
/// its NewWorkDetected (every user's score stored, the verdicts to post published); the stage is done when every
/// work is through and every published WorkScored has reached the notifier's stand-in. Latency is per work, from
/// publishing its NewWorkDetected to the consumer finishing it.
/// </summary>
public sealed class ScoredTally : IConsumeObserver, IPublishObserver
{
    private readonly ConcurrentDictionary<string, long> _published = new();
    private readonly ConcurrentBag<double> _latencies = [];
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expected;
    private int _through;
    private int _news;
    private int _received;

    public void Expect(int works)
    {
        _latencies.Clear();
        _through = _news = _received = 0;
        _expected = works;
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Published(string workId) => _published[workId] = Stopwatch.GetTimestamp();

    public Task Done => _done.Task;

    /// <summary>Works the consumer is done with.</summary>
    public int Through => Volatile.Read(ref _through);

    /// <summary>WorkScored published by inference.</summary>
    public int News => Volatile.Read(ref _news);

    public IReadOnlyList<double> LatenciesMs => [.. _latencies.Order()];

    public void Received(WorkScored score)
    {
        Interlocked.Increment(ref _received);
        CheckDone();
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is NewWorkDetected detected)
        {
            if (_published.TryGetValue(detected.Work.Id, out var at)) _latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            Interlocked.Increment(ref _through);
            CheckDone();
        }
        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        if (context.Message is WorkScored) Interlocked.Increment(ref _news);
        return Task.CompletedTask;
    }

    // The last publish of a batch precedes its works' PostConsume, so once every work is through, News is final.
    private void CheckDone()
    {
        if (Through == _expected && Volatile.Read(ref _received) == News) _done.TrySetResult();
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>Stands where the notifier would: receives every WorkScored.</summary>
public sealed class ScoredTallyConsumer(ScoredTally tally) : IConsumer<WorkScored>
{
    public Task Consume(ConsumeContext<WorkScored> context)
    {
        tally.Received(context.Message);
        return Task.CompletedTask;
    }
}
