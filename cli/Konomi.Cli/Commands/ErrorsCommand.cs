using System.CommandLine;
using Konomi.Cli.Errors;
using Konomi.Hosting;
using RabbitMQ.Client.Exceptions;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi errors list</c> and <c>konomi errors replay --queue NAME [--max N]</c>: the messages that failed for good
/// (MassTransit's <c>_error</c> queues on RabbitMQ), and sending them through again once the cause is fixed.
/// </summary>
public static class ErrorsCommand
{
    public static Command Create() => new("errors", "Messages that failed for good (RabbitMQ _error queues): list them, replay them")
    {
        List(),
        Replay(),
    };

    static Command List()
    {
        var command = new Command("list", "Each subscriber queue with its waiting messages and its _error depth, from the broker");
        command.SetAction((parse, ct) => WithBrokerAsync(async queues =>
        {
            Console.WriteLine($"{"queue",-30} {"waiting",8} {"errors",8}");
            foreach (var queue in ErrorQueues.Known)
            {
                var waiting = await queues.DepthAsync(queue, ct);
                var errors = await queues.DepthAsync(queue + ErrorQueues.Suffix, ct);
                Console.WriteLine($"{queue,-30} {Show(waiting),8} {Show(errors),8}");
            }
            return Cli.Ok;
        }, ct));
        return Cli.Example(command, "konomi errors list", "RabbitMq__Host=rabbitmq konomi errors list");
    }

    static Command Replay()
    {
        var queue = new Option<string>("--queue") { Description = "The queue whose _error queue to replay (see konomi errors list)", Required = true };
        var max = new Option<int?>("--max") { Description = "Replay at most this many (default: every message the error queue holds now)" }
            .MustBe(n => n is null or >= 1, "at least 1");
        var command = new Command("replay", "Move the messages of QUEUE_error back to QUEUE, each once, without their fault headers") { queue, max };
        command.SetAction((parse, ct) => WithBrokerAsync(async queues =>
        {
            var name = parse.GetValue(queue)!;
            var moved = await queues.ReplayAsync(name, parse.GetValue(max), ct);
            Console.WriteLine($"replayed {moved} message(s) from {name}{ErrorQueues.Suffix} to {name}");
            return Cli.Ok;
        }, ct));
        return Cli.Example(command, "konomi errors replay --queue inference-new-work-detected",
            "konomi errors replay --queue work-scored --max 10");
    }

    static string Show(uint? depth) => depth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    static async Task<int> WithBrokerAsync(Func<ErrorQueues, Task<int>> action, CancellationToken ct)
    {
        using var host = CommandHost.CreateBuilder(store: false).Build();
        var options = host.Services.GetRequiredService<IConfiguration>().GetSection(RabbitMqOptions.Section).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            return Cli.Fail("RabbitMq:Host is not set (RabbitMq__Host=…): error queues live on the broker; konomi run's in-memory bus has none");
        }
        await using var queues = new ErrorQueues(options);
        try
        {
            return await action(queues);
        }
        catch (Exception e) when (e is BrokerUnreachableException or InvalidOperationException or OperationInterruptedException)
        {
            return Cli.Fail($"errors: {e.Message}");
        }
    }
}
