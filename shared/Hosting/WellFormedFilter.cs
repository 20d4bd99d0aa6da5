using MassTransit;

namespace Konomi.Hosting;

/// <summary>
/// Refuses a message that <paramref name="problem"/> finds malformed (a buggy or foreign publisher, another version of a
/// service) before its consumer sees it: it faults alone, its exception naming the message and what is wrong, and ends in
/// the endpoint's error queue, while the messages around it flow. Before the consumer, so nothing of it is written, and a
/// batch it would have joined is not failed with it.
/// </summary>
public sealed class WellFormedFilter<T>(Func<T, string?> problem) : IFilter<ConsumeContext<T>> where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next) =>
        problem(context.Message) is { } wrong
            ? throw new InvalidDataException($"{typeof(T).Name} {context.MessageId} {wrong}.")
            : next.Send(context);

    public void Probe(ProbeContext context) => context.CreateFilterScope("well-formed");
}
