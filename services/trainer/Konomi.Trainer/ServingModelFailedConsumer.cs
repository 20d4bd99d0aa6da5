using Konomi.Contracts;
using Konomi.Storage.Ports;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Konomi.Trainer;

/// <summary>
/// Puts a user whose serving model inference cannot use into the retrain plan, to be replaced without waiting for their
/// next label (a user scored cold start clicks less). A report about a version that no longer serves (a retraining or a
/// person replaced it meanwhile) changes nothing; one about a version already due is not counted twice.
/// </summary>
public sealed partial class ServingModelFailedConsumer(
    RetrainPlan plan, ITasteModelRegistry registry, ILogger<ServingModelFailedConsumer> logger) : IConsumer<ServingModelFailed>
{
    public async Task Consume(ConsumeContext<ServingModelFailed> context)
    {
        var failed = context.Message;
        var serving = await registry.FindServingAsync(failed.UserId, context.CancellationToken);
        if (serving?.Version != failed.Version)
            LogNoLongerServing(logger, failed.UserId, failed.Version, serving is null ? "no version serves" : $"v{serving.Version} serves");
        else if (plan.Replace(failed.UserId, failed.Version))
            LogReplacing(logger, failed.UserId, failed.Version, failed.Family, failed.Reason);
    }

    [LoggerMessage(1, LogLevel.Warning, "Inference cannot use v{Version} ({Family}) serving {UserId} ({Reason}): retraining them to replace it")]
    static partial void LogReplacing(ILogger logger, string userId, int version, string family, string reason);

    [LoggerMessage(2, LogLevel.Information, "Inference reported v{Version} of {UserId} unusable, but {Serving} now: nothing to replace")]
    static partial void LogNoLongerServing(ILogger logger, string userId, int version, string serving);
}
