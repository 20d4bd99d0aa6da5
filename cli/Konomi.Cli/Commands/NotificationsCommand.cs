using System.CommandLine;
using System.Globalization;
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
        var limit = new Option<int>("--limit") { Description = "At most this many (default 50)", DefaultValueFactory = _ => 50 }
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
            Console.WriteLine($"{"created (UTC)",-16}  {"work",-10}  {"user",-10}  {"target",-14}  {"status",-7}  {"tries",5}  detail");
            foreach (var n in entries)
            {
                var detail = n.Status switch
                {
                    NotificationStatus.Sent => $"{n.Channel} {n.MessageTs}",
                    NotificationStatus.Failed => n.Error,
                    _ => n.HoldUntil is { } hold ? $"held until {hold:yyyy-MM-dd HH:mm}Z" + (n.Error is null ? "" : $", last error {n.Error}") : n.Error,
                };
                var explored = n.ExplorationProbability is { } p ? string.Create(CultureInfo.InvariantCulture, $" [おためし p={p:0.00}]") : "";
                Console.WriteLine($"{n.CreatedAt.UtcDateTime,-16:yyyy-MM-dd HH:mm}  {n.WorkId,-10}  {n.UserId,-10}  {n.Target,-14}  {n.Status,-7}  {n.Attempts,5}  {detail}{explored}");
            }
            var tried = entries.Where(n => n.ExplorationProbability is not null).ToList();
            Console.WriteLine($"{entries.Count} notifications, {tried.Count} of them おためし (exploration: works the model would not have posted), {tried.Count(n => n.Status == NotificationStatus.Sent)} sent");
            return 0;
        });
        return Cli.Example(command, "konomi notifications --status failed", "konomi notifications --user alice --limit 10");
    }
}
