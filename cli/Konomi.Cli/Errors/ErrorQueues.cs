using Konomi.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Konomi.Cli.Errors;

/// <summary>
/// MassTransit's <c>NAME_error</c> queues, read over AMQP (no management plugin needed): their depth, and moving
/// their messages back to <c>NAME</c> once the cause is fixed.
/// </summary>
public sealed class ErrorQueues(RabbitMqOptions options) : IAsyncDisposable
{
    // What MassTransit adds when it moves a message to the error queue; the consumer needs none of it.
    static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-"];

    IConnection? _connection;

    public const string Suffix = "_error";

    /// <summary>The subscriber queues Konomi's hosts declare (<see cref="Subscriptions"/>).</summary>
    public static IReadOnlyList<string> Known { get; } =
        [
            Subscriptions.InferenceNewWorkDetected, Subscriptions.NotifierWorkScored, Subscriptions.TrainerFeedbackReceived,
            Subscriptions.TrainerServingModelFailed,
        ];

    /// <summary>Messages waiting in <paramref name="queue"/>, or null when the broker has no such queue.</summary>
    public async Task<uint?> DepthAsync(string queue, CancellationToken ct)
    {
        // A passive declare of a missing queue closes the channel: one channel per look.
        await using var channel = await (await ConnectAsync(ct)).CreateChannelAsync(cancellationToken: ct);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> messages from <c>queue_error</c> to <paramref name="queue"/>, each once: at
    /// most as many as the error queue held when it started, so a message that fails again is not replayed in a loop.
    /// Each is acknowledged on the error queue only after the broker confirmed its copy on the queue.
    /// </summary>
    public async Task<int> ReplayAsync(string queue, int? max, CancellationToken ct)
    {
        var errors = queue + Suffix;
        var waiting = await DepthAsync(errors, ct) ?? throw new InvalidOperationException($"the broker has no queue {errors}");
        if (await DepthAsync(queue, ct) is null)
            throw new InvalidOperationException($"the broker has no queue {queue} to replay into");
        var limit = (int)Math.Min(waiting, (uint)(max ?? int.MaxValue));
        await using var channel = await (await ConnectAsync(ct)).CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var moved = 0;
        while (moved < limit && await channel.BasicGetAsync(errors, autoAck: false, ct) is { } message)
        {
            try
            {
                var properties = new BasicProperties(message.BasicProperties)
                {
                    Headers = message.BasicProperties.Headers?
                        .Where(h => !FaultHeaderPrefixes.Any(p => h.Key.StartsWith(p, StringComparison.Ordinal)))
                        .ToDictionary(h => h.Key, h => h.Value),
                };
                // The default exchange delivers to the queue of that name alone; mandatory, so a missing queue is an error, not a drop.
                await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, ct);
            }
            catch
            {
                await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                throw;
            }
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            moved++;
        }
        return moved;
    }

    async Task<IConnection> ConnectAsync(CancellationToken ct) => _connection ??= await new ConnectionFactory
    {
        HostName = options.Host!,
        Port = options.Port,
        VirtualHost = options.VirtualHost,
        UserName = options.Username,
        Password = options.Password,
        ClientProvidedName = "konomi errors",
    }.CreateConnectionAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
