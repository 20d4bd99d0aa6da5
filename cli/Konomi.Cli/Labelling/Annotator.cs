using Konomi.Contracts;
using Konomi.Labelling;
using Konomi.Storage.Ports;
using Konomi.TasteModels;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Konomi.Cli.Labelling;

/// <summary>
/// <c>konomi label</c>'s session: shows one work at a time and saves each answer at once as a click (source
/// <c>annotator</c>), so quitting at any point loses nothing and the next session resumes with the works not
/// yet labelled. Once enough labels exist it asks about the works its model is least sure of, retraining in the
/// background every few answers. Undo goes back one work; the new answer replaces the old label.
/// </summary>
public sealed class Annotator(ILabelStore labels, LabellingQueue queue, QuestionOrder order, IOptions<LabellingOptions> options, TimeProvider clock)
{
    public async Task<AnnotatorTally> RunAsync(string userId, IReadOnlyList<Work> pool, IAnsiConsole console, AnswerKeys keys, CancellationToken ct)
    {
        var (labelled, pending, model) = await queue.LoadAsync(userId, pool, ct);
        var tally = new AnnotatorTally(pending.Count);

        var history = new Stack<(Work Work, Answer Answer)>();
        Task<ITasteModel?>? retraining = null;
        var sinceTraining = 0;
        var last = DateTimeOffset.MinValue;
        while (pending.Count > 0)
        {
            if (retraining is { IsCompleted: true })
            {
                if (await retraining is { } retrained) (model, pending) = (retrained, [.. order.Order(retrained, pending)]);
                retraining = null;
            }
            var work = pending[0];
            console.MarkupLine(WorkCard.Bar(tally) + (model is null ? "" : "  [grey](least sure first)[/]"));
            console.Write(WorkCard.Render(work));
            console.MarkupLine($"[grey]{AnswerKeys.Help}[/]");
            var answer = keys.Read();
            switch (answer)
            {
                case Answer.Quit:
                    pending.Clear();
                    continue;
                case Answer.Unknown:
                    // Said, not just redrawn: an unchanged card reads as a key the annotator did not hear.
                    console.MarkupLine("[yellow]Not an answer: press y, n, s, u or q.[/]");
                    continue;
                case Answer.Undo when history.Count == 0:
                    console.MarkupLine("[yellow]Nothing to undo yet.[/]");
                    continue;
                case Answer.Undo:
                    var (previous, previousAnswer) = history.Pop();
                    tally.Count(previousAnswer, -1);
                    pending.Insert(0, previous);
                    continue;
            }
            if (answer is Answer.Like or Answer.Not)
            {
                // Strictly later than the previous answer, so a re-answer after undo is the current label.
                var at = clock.GetUtcNow();
                last = at > last ? at : last.AddMilliseconds(1);
                var liked = answer == Answer.Like;
                await labels.RecordAsync(new Click($"{LabellingSource.Name}:{userId}:{work.Id}:{last.ToUnixTimeMilliseconds()}", userId, work.Id, liked, last, LabellingSource.Name), ct);
                labelled.RemoveAll(l => l.Work.Id == work.Id);
                labelled.Add((work, liked));
                if (++sinceTraining >= options.Value.RetrainEvery && retraining is null)
                {
                    var snapshot = labelled.ToList();
                    retraining = Task.Run(() => order.Train(snapshot, ct), ct);
                    sinceTraining = 0;
                }
            }
            tally.Count(answer, 1);
            history.Push((work, answer));
            pending.RemoveAt(0);
        }
        if (retraining is not null) await retraining;
        console.MarkupLine($"[bold]Saved.[/] {Markup.Escape(tally.ToString())}");
        return tally;
    }
}
