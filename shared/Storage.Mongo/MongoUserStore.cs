using Konomi.Storage.Ports;
using MongoDB.Driver;

namespace Konomi.Storage.Mongo;

public sealed class MongoUserStore(KonomiMongo mongo) : IUserStore
{
    private readonly IndexedCollection<UserDocument> _users = mongo.Collection<UserDocument>("users");

    public async Task UpsertAsync(UserProfile profile, CancellationToken ct = default)
    {
        var users = await _users.ReadyAsync(ct);
        await users.ReplaceOneAsync(u => u.Id == profile.UserId, new UserDocument(profile.UserId, profile),
            new ReplaceOptions { IsUpsert = true }, ct);
    }

    public async Task<UserProfile?> FindAsync(string userId, CancellationToken ct = default)
    {
        var users = await _users.ReadyAsync(ct);
        var found = await users.Find(u => u.Id == userId).FirstOrDefaultAsync(ct);
        return found?.Profile;
    }

    public async Task<IReadOnlyList<UserProfile>> ListAsync(CancellationToken ct = default)
    {
        var users = await _users.ReadyAsync(ct);
        var found = await users.Find(Builders<UserDocument>.Filter.Empty).SortBy(u => u.Id).ToListAsync(ct);
        return found.Select(u => u.Profile).ToList();
    }
}
