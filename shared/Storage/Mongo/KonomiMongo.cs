using MongoDB.Bson;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Driver;
using Microsoft.Extensions.Configuration;

namespace Konomi.Storage.Mongo;

/// <summary>
/// The database named in <c>ConnectionStrings:Mongo</c> (default name <c>konomi</c>). Documents use camelCase
/// field names and enum names as strings, so the data reads well in mongosh and in a mongodump.
/// </summary>
public sealed class KonomiMongo
{
    public const string DefaultDatabase = "konomi";

    static KonomiMongo()
    {
        var conventions = new ConventionPack
        {
            new CamelCaseElementNameConvention(),
            new EnumRepresentationConvention(BsonType.String),
            new IgnoreExtraElementsConvention(true),
        };
        ConventionRegistry.Register("konomi", conventions, type => type.Namespace?.StartsWith("Konomi.", StringComparison.Ordinal) == true);
    }

    public KonomiMongo(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("Mongo")
            ?? throw new InvalidOperationException("Storage:Provider is mongo but ConnectionStrings:Mongo is not set.");
        var url = MongoUrl.Create(connection);
        Database = new MongoClient(url).GetDatabase(url.DatabaseName ?? DefaultDatabase);
    }

    public IMongoDatabase Database { get; }

    public IndexedCollection<T> Collection<T>(string name, params CreateIndexModel<T>[] indexes) =>
        new(Database.GetCollection<T>(name), indexes);
}
