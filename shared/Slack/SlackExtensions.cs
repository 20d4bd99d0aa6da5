using Konomi.Settings;
using System.Net;
using Konomi.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Konomi.Slack;

public static partial class SlackExtensions
{
    /// <summary>
    /// Registers <see cref="ISlackApi"/> bound to section <c>Slack</c>: retries (<c>Slack:Retry</c>) with backoff on 429
    /// (honouring Retry-After), 5xx and timeouts (chat.postMessage: 429 only, then <see cref="SlackApi.PostLookup"/>),
    /// a timeout per attempt, and the per-channel post limiter. Idempotent, so notifier and feedback can both call it in one process.
    /// </summary>
    public static IServiceCollection AddSlackApi(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ChannelPostLimiter)))
            return services;

        services.AddOptions<SlackOptions>().BindSettings(SlackOptions.Section);
        services.TryAddSingleton<ChannelPostLimiter>();
        services.TryAddSingleton<ISlackApi, SlackApi>();
        services.AddRetrySettings(SlackOptions.RetrySection, r => r.MaxAttempts = 4);
        AddClient(services, SlackApi.HttpClientName, retryAmbiguous: true);
        // A post whose answer was lost may be in the channel: SlackApi looks for it before posting again.
        AddClient(services, SlackApi.PostHttpClientName, retryAmbiguous: false);
        services.AddResiliencePipeline(SlackApi.PostLookup, (pipeline, context) =>
        {
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddRetry(context.GetOptions<RetrySettings>(SlackOptions.RetrySection).ApplyTo(new RetryStrategyOptions
            {
                // A failed look-up (an error carrying the history call's error) ends it: the post's fate is then unknown.
                ShouldHandle = new PredicateBuilder().Handle<SlackApiException>(e => e is { MayHaveTakenEffect: true, InnerException: not SlackApiException }),
            }, jitter: false));
        });
        return services;
    }

    static void AddClient(IServiceCollection services, string name, bool retryAmbiguous) =>
        services.AddHttpClient(name, (sp, http) =>
            {
                var baseUrl = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl.ToString();
                http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            })
            // HttpClient's own request logs keep the Authorization header unredacted in their structured state
            // (only the formatted text says "*"), so a structured sink would store the token: SlackApi and the
            // pipeline below log the calls instead.
            .RemoveAllLoggers()
            .AddResilienceHandler(name, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
                var logger = context.ServiceProvider.GetRequiredService<ILogger<SlackApi>>();
                // Retry-After and timeouts are real seconds on Slack's side, whatever clock the host's own logic runs on.
                pipeline.TimeProvider = TimeProvider.System;
                var retry = new HttpRetryStrategyOptions
                {
                    ShouldRetryAfterHeader = true,
                    OnRetry = args =>
                    {
                        // The method only: the URL carries no token, but its query is none of the log's business.
                        LogRetrying(logger, args.Context.GetRequestMessage()?.RequestUri?.AbsolutePath.Split('/')[^1],
                            args.Outcome.Result is { } answer ? $"HTTP {(int)answer.StatusCode}" : args.Outcome.Exception?.GetType().Name,
                            args.RetryDelay, args.AttemptNumber + 1);
                        return default;
                    },
                };
                if (!retryAmbiguous)
                    retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests);
                pipeline.AddRetry(context.GetOptions<RetrySettings>(SlackOptions.RetrySection).ApplyTo<HttpRetryStrategyOptions, HttpResponseMessage>(retry));
                pipeline.AddTimeout(options.AttemptTimeout);
            });

    [LoggerMessage(1, LogLevel.Warning, "Slack {Method}: {Failure}; retrying in {Delay} (retry {Attempt})")]
    static partial void LogRetrying(ILogger logger, string? method, string? failure, TimeSpan delay, int attempt);
}
