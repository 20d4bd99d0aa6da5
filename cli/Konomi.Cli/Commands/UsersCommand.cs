using System.CommandLine;
using Konomi.Cli.Terminal;
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
            var table = new TextTable(new("user"), new("active"), new("address"), new("delivery")) { ShowHeader = false };
            foreach (var u in await host.Services.GetRequiredService<IUserStore>().ListAsync(ct))
            {
                table.Add(u.UserId, u.Active ? "active" : "inactive", Address(u), u.Delivery.ToString().ToLowerInvariant());
                if (ProfileWarning.For(u) is { } warning) table.Note($"! {warning}");
            }
            table.Write(Console.Out);
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
        var active = new Option<bool>("--active") { Description = "Post to them again (a user stays as they were unless told)" };
        var direct = new Option<bool>("--dm") { Description = "Post as direct messages again instead of to their channel" };
        var dataDir = CommonOptions.DataDir();
        var command = new Command("add", "Add a user (or change an existing user's Slack address)") { id, slackUser, channel, direct, inactive, active, dataDir };
        command.Validators.Add(r =>
        {
            if (string.IsNullOrEmpty(r.GetValue(id))) r.AddError("Name the user to add, e.g. konomi users add alice.");
            else if (UserProfile.IdProblem(r.GetValue(id)!) is { } problem) r.AddError(problem);
            if (r.GetValue(inactive) && r.GetValue(active)) r.AddError("Give --active or --inactive, not both.");
            if (r.GetValue(direct) && r.GetValue(channel) is not null) r.AddError("Give --channel or --dm, not both.");
            if (r.GetValue(slackUser) is { } member && UserProfile.SlackUserIdProblem(member) is { } notMember)
                r.AddError($"--slack-user {notMember}");
            if (r.GetValue(channel) is { } where && UserProfile.ChannelProblem(where) is { } notChannel)
                r.AddError($"--channel {notChannel}");
        });
        command.SetAction(async (parse, ct) =>
        {
            using var host = CommandHost.Build(parse.GetValue(dataDir), mayCreate: true);
            var users = host.Services.GetRequiredService<IUserStore>();
            var userId = parse.GetValue(id)!;
            var profile = await users.FindAsync(userId, ct) ?? new UserProfile(userId);
            // Only what is given changes. The member id stays beside a channel (it tells whose click it is); --dm
            // drops the channel; whether they get posts changes only when asked: a new address must not wake an
            // inactive user.
            if (parse.GetValue(slackUser) is { } member) profile = profile with { SlackUserId = member };
            if (parse.GetValue(channel) is { } posted) profile = profile with { Channel = posted };
            if (parse.GetValue(direct))
            {
                if (profile.SlackUserId is null)
                    return Cli.Fail($"{userId} has no Slack member id to send direct messages to: add --slack-user U…");
                profile = profile with { Channel = null };
            }
            if (parse.GetValue(inactive)) profile = profile with { Active = false };
            if (parse.GetValue(active)) profile = profile with { Active = true };
            await users.UpsertAsync(profile, ct);
            Console.WriteLine($"{profile.UserId}: {(profile.Active ? "active" : "inactive")}, {Address(profile)}");
            // Stored by an earlier version with a value today's rules refuse: what this change left to fix.
            if (ProfileWarning.For(profile) is { } warning) Console.Error.WriteLine($"konomi: {profile.UserId}: {warning}");
            return Cli.Ok;
        });
        return Cli.Example(command, "konomi users add alice --slack-user U012ABCDEF", "konomi users add team --channel C012ABCDEF", "konomi users add alice --dm --active");
    }

    /// <summary>Where posts go; with a channel, the Slack member whose clicks are theirs too (or the add would hide it).</summary>
    static string Address(UserProfile u) => (u.Channel, u.SlackUserId) switch
    {
        ({ } channel, { } member) => $"{channel} (clicks by {member})",
        ({ } channel, null) => channel,
        (null, { } member) => member,
        _ => "no Slack address",
    };
}
