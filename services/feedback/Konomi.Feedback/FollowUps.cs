using System.Threading.Channels;

namespace Konomi.Feedback;

/// <summary>
/// Hands stored clicks to <see cref="FollowUpWorker"/> so Slack gets its answer without waiting for
/// chat.update or the bus. In memory on purpose: the click itself is already in the store.
/// </summary>
public sealed class FollowUps
{
    readonly Channel<FollowUp> _queue = Channel.CreateUnbounded<FollowUp>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(FollowUp followUp) => _queue.Writer.TryWrite(followUp);

    public IAsyncEnumerable<FollowUp> ReadAllAsync(CancellationToken ct) => _queue.Reader.ReadAllAsync(ct);
}
