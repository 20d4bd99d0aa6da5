using Konomi.Contracts;
using MassTransit;

namespace Konomi.Hosting;

/// <summary>
/// The queue each subscribing service reads an event from. Every host declares these queues, bound to the
/// event's exchange, as its bus starts: RabbitMQ drops a message published to an exchange nothing is bound to,
/// so otherwise a work crawled before inference first started (a first deploy, a pending GPU pod) is never scored.
/// The consumer definitions name their endpoints from here, so the two cannot drift apart.
/// </summary>
public static class Subscriptions
{
    public const string InferenceNewWorkDetected = "inference-new-work-detected";
    public const string NotifierWorkScored = "work-scored";
    public const string TrainerFeedbackReceived = "trainer-feedback-received";
    public const string TrainerServingModelFailed = "trainer-serving-model-failed";

    /// <summary>
    /// Declares, when the bus starts, each event's exchange and its subscriber queue bound to it. The consumer's own
    /// endpoint later adds its usual route (event exchange, endpoint exchange, queue); RabbitMQ delivers a message
    /// once to a queue however many routes lead there.
    /// </summary>
    public static void Declare(IRabbitMqBusFactoryConfigurator bus)
    {
        bus.DeployPublishTopology = true;
        Bind<NewWorkDetected>(bus, InferenceNewWorkDetected);
        Bind<WorkScored>(bus, NotifierWorkScored);
        Bind<FeedbackReceived>(bus, TrainerFeedbackReceived);
        Bind<ServingModelFailed>(bus, TrainerServingModelFailed);
    }

    static void Bind<T>(IRabbitMqBusFactoryConfigurator bus, string queue) where T : class
    {
        var exchange = bus.MessageTopology.GetMessageTopology<T>().EntityName;
        bus.Publish<T>(p => p.BindQueue(exchange, queue));
    }
}
