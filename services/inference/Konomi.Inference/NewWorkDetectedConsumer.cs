using System.Diagnostics;
using Konomi.Contracts;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using MassTransit;

namespace Konomi.Inference;

/// <summary>
/// Scores new works in batches for every active user, stores every score of a batch in one store call, then
/// publishes a WorkScored only for the verdicts someone acts on (<see cref="WorkScored.ToPost"/>: liked, or picked
/// for exploration). The store holds every score (the web app's picks, retraining and evaluation read it there);
/// the bus carries news: a verdict nobody posts would cost a message per work and user for a consumer that drops it,
/// which bounded the pipeline at about a hundred users.
/// A score already stored (a redelivered batch) is published again rather than skipped: the outbox is in memory,
/// so a crash between storing and publishing would otherwise lose the message for good, and the notifier's ledger
/// (one notification per work and target) makes a repeat harmless.
/// A serving model met broken is reported once per version, and again an hour later if it still serves
/// (<see cref="ServingModelFailures"/>), so the trainer replaces it without waiting for the user's next label; the report
/// leaves with the batch's other messages, or not at all.
/// </summary>
public sealed class NewWorkDetectedConsumer(
    WorkScorer scorer, Exploration exploration, Audience audience, IScoreStore scores, ServingModelFailures failures, TimeProvider time)
    : IConsumer<Batch<NewWorkDetected>>
{
    public async Task Consume(ConsumeContext<Batch<NewWorkDetected>> context)
    {
        var started = Stopwatch.GetTimestamp();
        var ct = context.CancellationToken;
        var users = await audience.ListAsync(null, ct);
        var detected = context.Message.Select(m => m.Message).DistinctBy(m => m.Work.Id).ToList();
        var reports = new List<ServingModelFailed>();
        try
        {
            foreach (var run in detected.GroupBy(m => m.CrawlRunId))
            {
                using var activity = KonomiTelemetry.Source.StartActivity("score new works");
                KonomiTelemetry.TagCrawlRun(run.Key);
                // Exploration picks among one crawl run's works, the way a user sees one crawl's posts.
                var scored = await scorer.ScoreRunAsync(run.Key, [.. run.Select(m => m.Work)], users, ct);
                reports.AddRange(scored.Unusable.Where(failures.Claim)
                    .Select(e => new ServingModelFailed(e.UserId, e.Version, e.Family, e.Reason, time.GetUtcNow())));
                var messages = exploration.Apply(scored.Scores, users, scored.Likes);
                // One store round trip for the run's every score; only then is any of them published.
                foreach (var added in await scores.AddManyAsync(messages, ct))
                    Record(added);
                await context.PublishBatch(messages.Where(m => m.ToPost), ct);
            }
            await context.PublishBatch(reports, ct);
        }
        catch
        {
            // The outbox drops what this attempt published: the retry, meeting the same model, reports it again.
            foreach (var report in reports)
                failures.Release(report);
            throw;
        }

        KonomiTelemetry.InferenceBatchSize.Record(detected.Count);
        KonomiTelemetry.InferenceLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    static void Record(WorkScored score)
    {
        var model = new KeyValuePair<string, object?>("model", score.ModelId);
        KonomiTelemetry.Scores.Record(score.Score, model);
        KonomiTelemetry.Verdicts.Add(1, model, new("liked", score.Liked?.ToString().ToLowerInvariant() ?? "none"));
    }
}
