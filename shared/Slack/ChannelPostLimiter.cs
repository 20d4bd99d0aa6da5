using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Konomi.Slack;

/// <summary>
/// About one chat.postMessage per second per channel (Slack's special tier), queued rather than refused,
/// so a burst to one channel is spread out while other channels go on at once.
/// </summary>
public sealed class ChannelPostLimiter(IOptions<SlackOptions> options) : IDisposable
{
    readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(channel =>
        RateLimitPartition.GetTokenBucketLimiter(channel, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = options.Value.PostInterval,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));

    public async Task<RateLimitLease> AcquireAsync(string channel, CancellationToken ct) =>
        await _limiter.AcquireAsync(channel, 1, ct);

    public void Dispose() => _limiter.Dispose();
}
