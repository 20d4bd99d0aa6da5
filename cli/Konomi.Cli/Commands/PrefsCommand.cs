using System.CommandLine;
using Konomi.Labelling;
using Konomi.Storage;
using Konomi.Storage.Ports;

namespace Konomi.Cli.Commands;

/// <summary>
/// <c>konomi prefs show|like|block|unlike|unblock --user U --circle X --voice-actor X --genre X --keyword X</c>:
/// a user's explicit preferences, which score works before they have a model and adjust the model after.
/// </summary>
public static class PrefsCommand
{
    delegate Preferences Change(Preferences preferences, PreferenceKind kind, string value);

    public static Command Create() => new("prefs", "Show or change a user's liked and blocked circles, voice actors, genres and keywords")
    {
        Show(),
        Edit("like", "Like these values (a liked value is no longer blocked)", PreferenceChanges.Like),
        Edit("block", "Block these values: a work with one is never recommended, whatever the model says", PreferenceChanges.Block),
        Edit("unlike", "Forget these liked values", PreferenceChanges.Unlike),
        Edit("unblock", "Forget these blocked values", PreferenceChanges.Unblock),
    };

    static Option<string> User() => new("--user") { Description = "The user", DefaultValueFactory = _ => UserSeeding.DefaultUserId };

    static Command Show()
    {
        var user = User();
        var dataDir = CommonOptions.DataDir();
        var command = new Command("show", "Print the user's preferences") { user, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CommandHost.Build(parse.GetValue(dataDir));
            Print(await KnownUsers.RequireAsync(host.Services.GetRequiredService<IUserStore>(), parse.GetValue(user)!, ct));
            return 0;
        });
        return Cli.Example(command, "konomi prefs show --user me");
    }

    static Command Edit(string name, string description, Change change)
    {
        var user = User();
        var dataDir = CommonOptions.DataDir();
        var values = PreferenceKinds.All.ToDictionary(k => k, k => new Option<string[]>($"--{k.Name}")
        {
            Description = $"A {k.Field}{(k == PreferenceKinds.Keyword ? " (matched in title, genres and description)" : "")}; repeat for several",
            Arity = ArgumentArity.ZeroOrMore,
        });
        var create = new Option<bool>("--create") { Description = "Create the user when there is none of that id (it is active: it gets posts)" };
        var command = new Command(name, description) { user, create, dataDir };
        foreach (var option in values.Values) command.Options.Add(option);
        command.Validators.Add(r =>
        {
            if (values.Values.All(o => (r.GetValue(o) ?? []).All(string.IsNullOrWhiteSpace)))
                r.AddError($"Name at least one value: {string.Join(", ", values.Values.Select(o => o.Name + " X"))}.");
            if (r.GetValue(create) && UserProfile.IdProblem(r.GetValue(user) ?? "") is { } problem) r.AddError(problem);
        });
        command.SetAction(async (parse, ct) =>
        {
            using var host = CommandHost.Build(parse.GetValue(dataDir), mayCreate: parse.GetValue(create));
            var users = host.Services.GetRequiredService<IUserStore>();
            var userId = parse.GetValue(user)!;
            var profile = parse.GetValue(create)
                ? await users.FindAsync(userId, ct) ?? new UserProfile(userId)
                : await KnownUsers.RequireOrDefaultAsync(users, userId, ct);
            var preferences = profile.Preferences ?? new Preferences();
            foreach (var (kind, option) in values)
                foreach (var value in (parse.GetValue(option) ?? []).Where(v => !string.IsNullOrWhiteSpace(v)))
                    preferences = change(preferences, kind, value);
            profile = profile with { Preferences = preferences };
            await users.UpsertAsync(profile, ct);
            Print(profile);
            return 0;
        });
        return Cli.Example(command, $"konomi prefs {name} --voice-actor 春野ゆき --genre 耳かき", $"konomi prefs {name} --user alice --circle X --create");
    }

    static void Print(UserProfile profile)
    {
        var p = profile.Preferences ?? new Preferences();
        Console.WriteLine($"{profile.UserId}:");
        foreach (var kind in PreferenceKinds.All)
        {
            Console.WriteLine($"  liked {kind.Name}: {string.Join(", ", kind.Liked(p))}".TrimEnd());
            Console.WriteLine($"  blocked {kind.Name}: {string.Join(", ", kind.Blocked(p))}".TrimEnd());
        }
    }
}
