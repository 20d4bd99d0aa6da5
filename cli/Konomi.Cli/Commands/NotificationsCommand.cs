using System.CommandLine;
using System.Globalization;
using Konomi.Cli.Terminal;
using Konomi.Hosting;
using Konomi.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi notifications [--status failed] [--user alice]</c>: the notification ledger, newest first, so a post that
/// finally failed (with Slack's error) or was over a user's maximum per run is visible, not lost.
/// </summary>
public static class NotificationsCommand
{
    public static Command Create()
    {
        var status = new Option<NotificationStatus?>("--status") { Description = "Only pending, sent or failed notifications" };
        var user = new Option<string?>("--user") { Description = "Only this user's notifications" };
        var limit = new Option<int>("--limit") { Description = "At most this many", DefaultValueFactory = _ => 50 }
            .MustBe(n => n >= 1, "at least 1");
        var dataDir = CommonOptions.DataDir();
        var command = new Command("notifications", "The notification ledger: what was posted where, what waits and what failed") { status, user, limit, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CommandHost.Build(parse.GetValue(dataDir));
            var ledger = host.Services.GetRequiredService<INotificationStore>();
            // A typo shows no empty ledger: "nothing failed for alicee" would read as "nothing failed for alice".
            var userId = await KnownUsers.RequireOptionalAsync(host.Services.GetRequiredService<IUserStore>(), parse.GetValue(user), ct);
            var entries = await ledger.ListAsync(parse.GetValue(status), parse.GetValue(limit), userId, ct);
            var table = new TextTable(new("created (UTC)"), new("work"), new("user"), new("target"), new("status"), new("tries", AlignRight: true), new("detail"));
            foreach (var n in entries)
            {
                var detail = n.Status switch
                {
                    NotificationStatus.Sent => $"{n.Channel} {n.MessageTs}",
                    NotificationStatus.Failed => n.Error,
                    _ => n.HoldUntil is { } hold ? $"held until {hold:yyyy-MM-dd HH:mm}Z" + (n.Error is null ? "" : $", last error {n.Error}") : n.Error,
                };
                var explored = n.ExplorationProbability is { } p ? string.Create(CultureInfo.InvariantCulture, $" [おためし p={p:0.00}]") : "";
                table.Add(n.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), n.WorkId, n.UserId, n.Target,
                    n.Status.ToString(), n.Attempts.ToString(CultureInfo.InvariantCulture), $"{detail}{explored}");
            }
            table.Write(Console.Out);
            var tried = entries.Where(n => n.ExplorationProbability is not null).ToList();
            // "…, 1 sent" after the おためし count read as one notification of all sent: say whose count it is.
            Console.WriteLine($"{Figures.Counted(entries.Count, "notification")}, {tried.Count} of them おためし (exploration: works the model would not have posted; {tried.Count(n => n.Status == NotificationStatus.Sent)} of those sent)");
            return 0;
        });
        return Cli.Example(command, "konomi notifications --status failed", "konomi notifications --user alice --limit 10");
    }
}
