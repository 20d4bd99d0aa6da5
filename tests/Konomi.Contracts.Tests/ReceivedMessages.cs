using System.Collections.Concurrent;
using Konomi.Contracts;
using MassTransit;

namespace Konomi.Contracts.Tests;

/// <summary>Collects every contract message a bus delivers.</summary>
public sealed class ReceivedMessages
{
    readonly ConcurrentQueue<object> _messages = new();

    public void Add(object message) => _messages.Enqueue(message);

    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = _messages.OfType<T>().FirstOrDefault(match);
            if (found is not null) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No {typeof(T).Name} arrived within {timeout}.");
    }
}

public sealed class ContractProbeConsumer(ReceivedMessages received) :
    IConsumer<WorksCrawled>, IConsumer<NewWorkDetected>, IConsumer<WorkScored>, IConsumer<FeedbackReceived>, IConsumer<ServingModelFailed>
{
    public Task Consume(ConsumeContext<WorksCrawled> context) => Record(context.Message);
    public Task Consume(ConsumeContext<NewWorkDetected> context) => Record(context.Message);
    public Task Consume(ConsumeContext<WorkScored> context) => Record(context.Message);
    public Task Consume(ConsumeContext<FeedbackReceived> context) => Record(context.Message);
    public Task Consume(ConsumeContext<ServingModelFailed> context) => Record(context.Message);

    Task Record(object message)
    {
        received.Add(message);
        return Task.CompletedTask;
    }
}
