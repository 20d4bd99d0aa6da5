namespace Konomi.Hosting;

/// <summary>
/// Section <c>Retry</c>: how long a consumer keeps a message while the store is away. The broker here has no
/// delayed-message exchange, so redelivery is in memory: the message stays unacknowledged (and safe in RabbitMQ
/// if the process dies) until the store answers or the attempts run out and it moves to the <c>_error</c> queue.
/// Defaults: 10 attempts 1 s, 3 s, 5 s … 19 s apart, about 100 s plus the store's own timeouts.
/// </summary>
public sealed class RetryOptions
{
    public const string Section = "Retry";

    public int OutageAttempts { get; set; } = 10;
    public TimeSpan OutageFirstInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan OutageIntervalIncrement { get; set; } = TimeSpan.FromSeconds(2);
}
