using System.Threading.Channels;

namespace Konomi.Feedback;

/// <summary>
/// Wakes <see cref="FollowUpWorker"/> when a click has been stored. Only a signal: the follow-ups themselves
/// are pending in the label store, so a process that dies before doing them does them after its restart.
/// </summary>
public sealed class FollowUps
{
    readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Wake() => _wake.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken ct) => await _wake.Reader.ReadAsync(ct);
}
