using Konomi.Settings;
using Konomi.Storage.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konomi.Storage;

/// <summary>
/// Section <c>Users</c>: the profiles <see cref="UserSeeding"/> stores at every start, a list (<c>Users:0:UserId</c>, …).
/// Not bound with <c>BindSettings</c>, whose keys are a class's properties: here each entry is a <see cref="UserProfile"/>,
/// checked the same way (a key a profile does not have, a value that does not convert) and by the rules of
/// <c>konomi users add</c>, with the other settings before the host starts, so a bad entry stops it in one line.
/// </summary>
public sealed class ConfiguredUsers
{
    public const string Section = "Users";

    public IReadOnlyList<UserProfile> Profiles { get; private set; } = [];

    /// <summary>Why entries cannot be stored, each naming its key; empty when every one can.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    internal static void AddTo(IServiceCollection services)
    {
        services.AddOptions<ConfiguredUsers>()
            .Configure<IConfiguration>((users, configuration) => users.Read(configuration.GetSection(Section)))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConfiguredUsers>, Check>();
    }

    sealed class Check : IValidateOptions<ConfiguredUsers>
    {
        public ValidateOptionsResult Validate(string? name, ConfiguredUsers users) =>
            users.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(users.Problems);
    }

    void Read(IConfigurationSection section)
    {
        var profiles = new List<UserProfile>();
        var problems = new List<string>();
        foreach (var entry in section.GetChildren())
        {
            if (SettingKeys.Problems(entry, typeof(UserProfile)) is { Count: > 0 } keys)
                problems.AddRange(keys);
            else if (string.IsNullOrWhiteSpace(entry[nameof(UserProfile.UserId)]))
                problems.Add($"{entry.Path}:UserId is missing: every configured user needs one.");
            else
            {
                // The rules `konomi users add` applies: a bad value stops the start before any user is stored.
                var profile = entry.Get<UserProfile>()!;
                if (profile.Problem() is { } refused) problems.Add($"{entry.Path}:{refused.Field}: {refused.Problem}");
                else profiles.Add(profile);
            }
        }
        (Profiles, Problems) = (profiles, problems);
    }
}
