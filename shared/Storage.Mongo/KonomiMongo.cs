using MongoDB.Bson;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Driver;
using MongoDB.Driver.Core.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Konomi.Storage.Mongo;

/// <summary>
/// The database named in <c>ConnectionStrings:Mongo</c> (default name <c>konomi</c>). Documents use camelCase
/// field names and enum names as strings, so the data reads well in mongosh and in a mongodump.
/// </summary>
public sealed class KonomiMongo
{
    private readonly ILogger _logger;

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

    /// <param name="subscribers">
    /// Driver event subscribers registered in the container (command tracing; tests inject faults at this
    /// boundary with them).
    /// </param>
    public KonomiMongo(IConfiguration configuration, IEnumerable<IEventSubscriber> subscribers, ILogger<KonomiMongo> logger)
    {
        _logger = logger;
        var connection = configuration.GetConnectionString("Mongo")
            ?? throw new InvalidOperationException("Storage:Provider is mongo but ConnectionStrings:Mongo is not set.");
        var url = MongoUrl.Create(connection);
        var settings = MongoClientSettings.FromUrl(url);
        var subscribed = subscribers.ToList();
        if (subscribed.Count > 0)
            settings.ClusterConfigurator = cluster => subscribed.ForEach(s => cluster.Subscribe(s));
        Database = new MongoClient(settings).GetDatabase(url.DatabaseName ?? DefaultDatabase);
    }

    public IMongoDatabase Database { get; }

    public IndexedCollection<T> Collection<T>(string name, params CreateIndexModel<T>[] indexes) => Collection(name, [], indexes);

    /// <param name="retired">Names of indexes an earlier version created that no query reads any more: dropped on start.</param>
    public IndexedCollection<T> Collection<T>(string name, IReadOnlyList<string> retired, params CreateIndexModel<T>[] indexes) =>
        new(Database.GetCollection<T>(name), indexes, retired, _logger);
}
