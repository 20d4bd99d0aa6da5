using System.Collections.Concurrent;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Konomi.Deploy.Tests;

/// <summary><c>konomi errors list|replay</c> over the real broker, against a consumer on Konomi's bus wiring (retries, then the _error queue).</summary>
public class ErrorReplayTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_that_failed_for_good_is_replayed_once_after_the_fix_and_processed_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var virtualHost = await PrivateVirtualHost.CreateAsync(ct);
        var environment = virtualHost.EnvironmentWithSqlite();
        var consumer = new FixableConsumer.State { Broken = true };
        using var host = PrivateVirtualHost.KonomiHost(environment, builder =>
        {
            builder.Services.AddSingleton(consumer);
            builder.Services.AddKonomiConsumers(x => x.AddConsumer<FixableConsumer>().Endpoint(e => e.Name = Subscriptions.InferenceNewWorkDetected));
        });
        await host.StartAsync(ct);
        var work = SampleWorks.Range(0, 1)[0];
        await host.Services.GetRequiredService<IBus>().Publish(new NewWorkDetected(Guid.NewGuid(), work), ct);
        var errorQueue = Subscriptions.InferenceNewWorkDetected + "_error";
        await Eventually.HoldsAsync(async () => await virtualHost.QueueDepthAsync(errorQueue, ct) == 1, "the message in the error queue", Patience);

        // The cause is fixed (say, the user's model); an operator replays the error queue.
        consumer.Broken = false;
        var listed = await KonomiCli.RunAsync(["errors", "list"], environment, ct: ct);
        var replayed = await KonomiCli.RunAsync(["errors", "replay", "--queue", Subscriptions.InferenceNewWorkDetected], environment, ct: ct);
        await Eventually.HoldsAsync(() => consumer.Handled.Count == 1, "the replayed message handled", Patience);
        var again = await KonomiCli.RunAsync(["errors", "replay", "--queue", Subscriptions.InferenceNewWorkDetected], environment, ct: ct);

        listed.ExitCode.ShouldBe(0, listed.Error);
        listed.Output.ShouldContain($"{Subscriptions.InferenceNewWorkDetected,-30} {0,8} {1,8}");
        (replayed.ExitCode, replayed.Output.Trim()).ShouldBe((0, $"replayed 1 message(s) from {errorQueue} to {Subscriptions.InferenceNewWorkDetected}"), replayed.Error);
        again.Output.ShouldContain("replayed 0 message(s)");
        var handled = consumer.Handled.ShouldHaveSingleItem();
        handled.WorkId.ShouldBe(work.Id);
        handled.FaultHeaders.ShouldBeEmpty();
        consumer.Failures.ShouldBe(5); // the first try and four retries, before the fix
        // Nothing is left anywhere to arrive a second time: the second replay found nothing and both queues are empty.
        (await virtualHost.QueueDepthAsync(errorQueue, ct)).ShouldBe(0u);
        (await virtualHost.QueueDepthAsync(Subscriptions.InferenceNewWorkDetected, ct)).ShouldBe(0u);
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task Replaying_without_a_broker_configured_or_into_an_unknown_queue_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var virtualHost = await PrivateVirtualHost.CreateAsync(ct);

        var unset = await KonomiCli.RunAsync(["errors", "list"], new Dictionary<string, string?> { ["RabbitMq__Host"] = "" }, ct: ct);
        var unknown = await KonomiCli.RunAsync(["errors", "replay", "--queue", "no-such-queue"], virtualHost.Environment(), ct: ct);

        (unset.ExitCode, unknown.ExitCode).ShouldBe((1, 1));
        unset.Error.ShouldContain("RabbitMq:Host is not set");
        unknown.Error.ShouldContain("no queue no-such-queue_error");
    }

    sealed class FixableConsumer(FixableConsumer.State state) : IConsumer<NewWorkDetected>
    {
        public sealed class State
        {
            public volatile bool Broken;
            public int Failures;
            public ConcurrentBag<(string WorkId, string[] FaultHeaders)> Handled { get; } = [];
        }

        public Task Consume(ConsumeContext<NewWorkDetected> context)
        {
            if (state.Broken)
            {
                Interlocked.Increment(ref state.Failures);
                throw new InvalidOperationException("the user's model cannot load");
            }
            state.Handled.Add((context.Message.Work.Id, [.. context.Headers.GetAll().Select(h => h.Key).Where(k => k.StartsWith("MT-Fault-", StringComparison.Ordinal))]));
            return Task.CompletedTask;
        }
    }
}
