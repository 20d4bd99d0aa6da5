using System.Collections.Concurrent;
using Konomi.Contracts;
using MassTransit;

namespace Konomi.Testing;

/// <summary>FeedbackReceived messages that reached a consumer over the app's own bus.</summary>
public sealed class ReceivedFeedback
{
    readonly ConcurrentQueue<FeedbackReceived> _messages = new();

    public IReadOnlyList<FeedbackReceived> Messages => [.. _messages];

    public void Add(FeedbackReceived message) => _messages.Enqueue(message);
}

public sealed class FeedbackProbe(ReceivedFeedback received) : IConsumer<FeedbackReceived>
{
    public Task Consume(ConsumeContext<FeedbackReceived> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}
