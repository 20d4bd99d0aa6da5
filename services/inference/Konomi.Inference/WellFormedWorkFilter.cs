using Konomi.Contracts;
using MassTransit;

namespace Konomi.Inference;

/// <summary>
/// Refuses a <see cref="NewWorkDetected"/> without a whole work (none at all, a null title or list, a null genre:
/// <see cref="WorkJson.Missing"/>) before it joins a batch: a batch fails as a whole, so
/// one such message from a buggy or foreign publisher, or another version of the crawler, would otherwise take the good
/// works batched with it to the error queue. Refused here, it faults alone, naming the work and the field, and ends in
/// the error queue.
/// </summary>
public sealed class WellFormedWorkFilter : IFilter<ConsumeContext<NewWorkDetected>>
{
    public Task Send(ConsumeContext<NewWorkDetected> context, IPipe<ConsumeContext<NewWorkDetected>> next) =>
        Problem(context.Message.Work) is { } problem
            ? throw new InvalidDataException($"NewWorkDetected {context.MessageId} {problem}.")
            : next.Send(context);

    static string? Problem(Work? work) => work switch
    {
        null or { Id: null } => "carries no work with an id",
        _ => WorkJson.Missing(work) is { } missing ? $"carries work {work.Id} with a value missing: {missing}" : null,
    };

    public void Probe(ProbeContext context) => context.CreateFilterScope("well-formed-work");
}
