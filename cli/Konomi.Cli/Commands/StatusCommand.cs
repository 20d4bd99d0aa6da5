using System.CommandLine;
using Konomi.Crawler;
using Konomi.Labelling;
using Konomi.Storage;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Options;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi status</c>: the whole state on one screen: the store, each user's labels and how many more a first model
/// needs, the serving model and its figures, the last crawl, notifications waiting or failed, and clicks not yet followed up.
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var command = new Command("status", "Store, users, labels, serving models, last crawl and notifications at a glance") { dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var builder = CommandHost.CreateBuilder(parse.GetValue(dataDir));
            builder.Services.AddCrawlerOptions();
            builder.Services.AddLabelling();
            using var host = builder.Build();
            var services = host.Services;
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var trainer = services.GetRequiredService<IOptions<TrainerOptions>>().Value;
            var works = services.GetRequiredService<IWorkStore>();
            var where = storage.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase) ? storage.ExpandedDataDirectory() : storage.Provider;
            Console.WriteLine($"store          {where}: {await works.CountAsync(ct)} works");

            var crawl = (await services.GetRequiredService<ISnapshotStore>().ListAsync(limit: 1, ct: ct)).FirstOrDefault();
            Console.WriteLine(crawl is null
                ? "last crawl     never (`konomi run --once` or `konomi crawl --backfill --pages 2`)"
                : $"last crawl     {crawl.CrawledAt.UtcDateTime:yyyy-MM-dd HH:mm}Z ({Ago(crawl.CrawledAt)})");
            var crawler = services.GetRequiredService<IOptions<CrawlerOptions>>().Value;
            // A floor no longer crawled keeps its last record; only the configured ones say anything.
            foreach (var unread in (await services.GetRequiredService<IFloorReadStore>().ListAsync(ct)).Where(f => f.Failed && crawler.Floors.Contains(f.Floor)))
                Console.WriteLine($"unread floor   {unread.Floor}: unread since {unread.UnreadSince?.UtcDateTime:yyyy-MM-dd HH:mm}Z, last tried {Ago(unread.ReadAt)}: {unread.Error}");
            var maxAttempts = crawler.MaxWorkAttempts;
            var failing = await services.GetRequiredService<ICrawlFailureStore>().ListAsync(int.MaxValue, ct);
            if (failing.Count > 0)
                Console.WriteLine($"failed works   {failing.Count(f => f.IsGivenUp(maxAttempts))} given up, "
                    + $"{failing.Count(f => !f.IsGivenUp(maxAttempts) && !f.IsNotOnSale)} still tried, {failing.Count(f => f.IsNotOnSale)} listed but not on sale (`konomi crawl --failed`)");

            var notifications = services.GetRequiredService<INotificationStore>();
            var pending = await notifications.CountAsync(NotificationStatus.Pending, ct);
            var failed = await notifications.CountAsync(NotificationStatus.Failed, ct);
            Console.WriteLine($"notifications  {pending} pending, {failed} failed" + (failed > 0 ? " (`konomi notifications --status failed`)" : ""));

            var labels = services.GetRequiredService<ILabelStore>();
            // Clicks are labels at once; their redraw and retrain signal wait for a running feedback worker (or the bus).
            var followUps = (await labels.ListPendingFollowUpsAsync(ct)).Count;
            if (followUps > 0)
                Console.WriteLine($"clicks         {followUps} stored but not yet followed up (message redraw, retrain signal): `konomi run` or the feedback service does them");
            var registry = services.GetRequiredService<ITasteModelRegistry>();
            var reasons = services.GetRequiredService<NoModelReason>();
            Console.WriteLine("users");
            foreach (var user in await services.GetRequiredService<IUserStore>().ListAsync(ct))
            {
                var all = await labels.ListAsync(user.UserId, ct);
                // The trainer learns from labels of stored works only (their text is the model's input).
                var stored = await works.FindKnownAsync(all.Select(l => l.WorkId), ct);
                var own = all.Where(l => stored.Contains(l.WorkId)).ToList();
                var liked = own.Count(l => l.Interested);
                var waiting = all.Count - own.Count > 0 ? $" ({all.Count - own.Count} more of works not stored)" : "";
                Console.WriteLine($"  {user.UserId,-12} {(user.Active ? "active" : "inactive"),-8} {user.Channel ?? user.SlackUserId ?? "no Slack address",-12}  labels {liked} liked / {own.Count - liked} not{waiting}");
                if (ProfileWarning.For(user) is { } warning)
                    Console.WriteLine($"  {"",-12} ! {warning}");
                var serving = await registry.FindServingAsync(user.UserId, ct);
                if (serving is { Metrics: var m })
                    Console.WriteLine($"  {"",-12} model v{serving.Version} {serving.Family} serving since {serving.CreatedAt.UtcDateTime:yyyy-MM-dd}: F1 {m.ShownF1():0.00}, average precision {m.ShownAveragePrecision():0.00}, {m.Examples} labels, {m.Folds} folds");
                else
                    Console.WriteLine($"  {"",-12} no model serving: {await reasons.ForAsync(user.UserId, all, ct)}{await NextAsync(registry, user.UserId, own.Count, liked, trainer, ct)}");
            }
            return Cli.Ok;
        });
        return Cli.Example(command, "konomi status", "konomi status --data-dir ~/konomi-test");
    }

    /// <summary>
    /// What the user can do next, after the reason: with versions, look at them (more labels retrain a rejected one,
    /// <c>konomi models promote</c> serves the newest anyway, spelt out so it can be typed); with enough labels and none,
    /// when a running trainer trains it (its label watch notices labels however they came within
    /// <c>Trainer:LabelCheck</c>, then the debounce); else label.
    /// </summary>
    static async Task<string> NextAsync(ITasteModelRegistry registry, string userId, int labels, int liked, TrainerOptions trainer, CancellationToken ct) =>
        (await registry.ListAsync(userId, ct)) is { Count: > 0 } versions
            ? $" (`konomi models list --user {userId}`; `konomi models promote --user {userId} --version {versions.Max(v => v.Version)}` serves it anyway)"
            : NoModelReason.Needed(labels, liked, trainer.MinLabels) is null
                ? $" (a running trainer: `konomi run`, the trainer service, trains it within {Span(trainer.LabelCheck + trainer.Debounce)} "
                    + "(Trainer:LabelCheck + Trainer:Debounce); `konomi train` now)"
                : " (`konomi label`)";

    static string Span(TimeSpan span) =>
        span.TotalMinutes < 1 ? $"{span.TotalSeconds:0} s" : span.TotalHours < 2 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalHours:0.#} h";

    static string Ago(DateTimeOffset at)
    {
        var age = DateTimeOffset.UtcNow - at;
        return age.TotalMinutes < 90 ? $"{age.TotalMinutes:0} min ago" : age.TotalHours < 48 ? $"{age.TotalHours:0} h ago" : $"{age.TotalDays:0} days ago";
    }
}
