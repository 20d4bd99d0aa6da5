using Konomi.Storage.Ports;

namespace Konomi.Storage.Mongo;

/// <summary>A profile keyed by its user id.</summary>
public sealed record UserDocument(string Id, UserProfile Profile);
