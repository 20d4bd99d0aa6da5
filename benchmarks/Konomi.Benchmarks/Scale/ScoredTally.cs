using System.Collections.Concurrent;
using System.Diagnostics;
using Konomi.Contracts;
using MassTransit;

namespace Konomi.Benchmarks.Scale;

/// <summary>Counts WorkScored off the bus and the time from each work's NewWorkDetected to each of its scores.</summary>
public sealed class ScoredTally
{
    private readonly ConcurrentDictionary<string, long> _published = new();
    private readonly ConcurrentBag<double> _latencies = [];
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expected;
    private int _seen;

    public void Expect(int scores)
    {
        _latencies.Clear();
        _seen = 0;
        _expected = scores;
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Published(string workId) => _published[workId] = Stopwatch.GetTimestamp();

    public Task Done => _done.Task;

    public int Seen => Volatile.Read(ref _seen);

    public IReadOnlyList<double> LatenciesMs => [.. _latencies.Order()];

    public void Scored(WorkScored score)
    {
        if (_published.TryGetValue(score.WorkId, out var at)) _latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        if (Interlocked.Increment(ref _seen) == _expected) _done.TrySetResult();
    }
}

/// <summary>Stands where the notifier would: receives every WorkScored.</summary>
public sealed class ScoredTallyConsumer(ScoredTally tally) : IConsumer<WorkScored>
{
    public Task Consume(ConsumeContext<WorkScored> context)
    {
        tally.Scored(context.Message);
        return Task.CompletedTask;
    }
}
