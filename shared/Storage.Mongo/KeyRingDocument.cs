using MongoDB.Bson;

namespace Konomi.Storage.Mongo;

/// <summary>One element of the web app's form key ring; names may repeat (see <see cref="Ports.IKeyRingStore"/>).</summary>
public sealed record KeyRingDocument(ObjectId Id, string Name, string Xml);
