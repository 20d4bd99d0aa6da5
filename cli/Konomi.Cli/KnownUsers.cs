using Konomi.Storage;
using Konomi.Storage.Ports;

namespace Konomi.Cli;

/// <summary>
/// User ids a command names must exist: a typo must not create a user who then gets posts. Only commands that say
/// so (<c>konomi users add</c>, <c>prefs … --create</c>) make new ones.
/// </summary>
public static class KnownUsers
{
    public static async Task<UserProfile> RequireAsync(IUserStore users, string userId, CancellationToken ct) =>
        await users.FindAsync(userId, ct) ?? throw new CliException(await UnknownAsync(users, userId, ct));

    /// <summary>
    /// As <see cref="RequireAsync"/>, except that the default user <c>me</c> is created when the store has no user at all,
    /// as a first <c>konomi run</c> does: a store filled by <c>konomi works import</c> alone can be labelled at once.
    /// </summary>
    public static async Task<UserProfile> RequireOrDefaultAsync(IUserStore users, string userId, CancellationToken ct)
    {
        if (userId == UserSeeding.DefaultUserId && (await users.ListAsync(ct)).Count == 0)
            await users.UpsertAsync(new UserProfile(userId), ct);
        return await RequireAsync(users, userId, ct);
    }

    /// <summary>Null (everyone) or a known user id.</summary>
    public static async Task<string?> RequireOptionalAsync(IUserStore users, string? userId, CancellationToken ct) =>
        userId is null ? null : (await RequireAsync(users, userId, ct)).UserId;

    static async Task<string> UnknownAsync(IUserStore users, string userId, CancellationToken ct)
    {
        var known = (await users.ListAsync(ct)).Select(u => u.UserId).Order(StringComparer.Ordinal).ToList();
        var listed = known.Count == 0 ? "none" : string.Join(", ", known);
        // An id nobody could add (--user "") gets no `users add` advice that would fail too.
        return UserProfile.IdProblem(userId) is { } notAnId
            ? $"{notAnId} Known users: {listed}."
            : $"no user '{userId}'; known users: {listed}. Add one with `konomi users add {userId}`.";
    }
}
