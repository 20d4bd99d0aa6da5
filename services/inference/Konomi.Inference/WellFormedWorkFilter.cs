using Konomi.Contracts;
using MassTransit;

namespace Konomi.Inference;

/// <summary>
/// Refuses a <see cref="NewWorkDetected"/> without a work (or a work without an id) before it joins a batch:
/// a batch fails as a whole, so one such message from a buggy or foreign publisher would otherwise take the
/// good works batched with it to the error queue. Refused here, it faults alone and ends in the error queue.
/// </summary>
public sealed class WellFormedWorkFilter : IFilter<ConsumeContext<NewWorkDetected>>
{
    public Task Send(ConsumeContext<NewWorkDetected> context, IPipe<ConsumeContext<NewWorkDetected>> next) =>
        context.Message.Work is { Id: { Length: > 0 } }
            ? next.Send(context)
            : throw new InvalidDataException($"NewWorkDetected {context.MessageId} carries no work with an id.");

    public void Probe(ProbeContext context) => context.CreateFilterScope("well-formed-work");
}
