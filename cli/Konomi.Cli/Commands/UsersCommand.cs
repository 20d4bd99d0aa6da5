using System.CommandLine;
using Konomi.Storage.Ports;

namespace Konomi.Cli.Commands;

/// <summary><c>konomi users list|add</c>: who Konomi recommends to. Other commands refuse user ids not listed here.</summary>
public static class UsersCommand
{
    public static Command Create() => new("users", "List or add the people Konomi recommends to")
    {
        List(),
        Add(),
    };

    static Command List()
    {
        var dataDir = CommonOptions.DataDir();
        var command = new Command("list", "Every user with their Slack address and delivery") { dataDir };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CommandHost.Build(parse.GetValue(dataDir));
            foreach (var u in await host.Services.GetRequiredService<IUserStore>().ListAsync(ct))
                Console.WriteLine($"{u.UserId,-12} {(u.Active ? "active" : "inactive"),-8}  {Address(u),-14}  {u.Delivery.ToString().ToLowerInvariant()}");
            return Cli.Ok;
        });
        return Cli.Example(command, "konomi users list");
    }

    static Command Add()
    {
        var id = new Argument<string>("USER") { Description = "The new user's id (letters, digits, '-', '_', '.')" };
        var slackUser = new Option<string?>("--slack-user") { Description = "Their Slack member id (U…): posts come as direct messages" };
        var channel = new Option<string?>("--channel") { Description = "A channel id (C…) to post to instead" };
        var inactive = new Option<bool>("--inactive") { Description = "Keep labels and models but post nothing" };
        var dataDir = CommonOptions.DataDir();
        var command = new Command("add", "Add a user (or change an existing user's Slack address)") { id, slackUser, channel, inactive, dataDir };
        command.Validators.Add(r =>
        {
            var value = r.GetValue(id) ?? "";
            if (value.Length == 0 || !value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
                r.AddError($"'{value}' is not a user id: use letters, digits, '-', '_' or '.'.");
        });
        command.SetAction(async (parse, ct) =>
        {
            using var host = CommandHost.Build(parse.GetValue(dataDir), mayCreate: true);
            var users = host.Services.GetRequiredService<IUserStore>();
            var userId = parse.GetValue(id)!;
            var profile = await users.FindAsync(userId, ct) ?? new UserProfile(userId);
            profile = profile with
            {
                SlackUserId = parse.GetValue(slackUser) ?? profile.SlackUserId,
                Channel = parse.GetValue(channel) ?? profile.Channel,
                Active = !parse.GetValue(inactive),
            };
            await users.UpsertAsync(profile, ct);
            Console.WriteLine($"{profile.UserId}: {(profile.Active ? "active" : "inactive")}, {Address(profile)}");
            return Cli.Ok;
        });
        return Cli.Example(command, "konomi users add alice --slack-user U012ABCDEF", "konomi users add team --channel C012ABCDEF");
    }

    static string Address(UserProfile u) => u.Channel ?? u.SlackUserId ?? "no Slack address";
}
