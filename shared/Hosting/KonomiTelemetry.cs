using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Konomi.Hosting;

/// <summary>
/// Konomi's own traces and metrics. Instrument names are what dashboards query (Prometheus turns
/// dots into underscores and adds unit suffixes), so they change only with the dashboards.
/// </summary>
public static class KonomiTelemetry
{
    public const string Name = "Konomi";
    public const string CrawlRunIdTag = "konomi.crawl_run_id";

    public static readonly ActivitySource Source = new(Name);
    static readonly Meter Meter = new(Name);

    public static readonly Counter<long> WorksCrawled = Meter.CreateCounter<long>("konomi.crawler.works_crawled", "{work}", "Work ids seen on listing pages");
    public static readonly Counter<long> NewWorks = Meter.CreateCounter<long>("konomi.crawler.new_works", "{work}", "Works never stored before");
    public static readonly Counter<long> CrawlErrors = Meter.CreateCounter<long>("konomi.crawler.errors", "{error}", "Crawl errors by kind");
    public static readonly Counter<long> WorksFailed = Meter.CreateCounter<long>("konomi.crawler.works_failed", "{work}", "Works given up after failing Crawler:MaxWorkAttempts cycles");
    public static readonly Histogram<double> Scores = Meter.CreateHistogram<double>("konomi.inference.score", null, "Scores given to works");
    public static readonly Counter<long> Verdicts = Meter.CreateCounter<long>("konomi.inference.verdicts", "{verdict}", "Scored works by liked true/false");
    public static readonly Histogram<double> InferenceLatency = Meter.CreateHistogram<double>("konomi.inference.batch_duration", "s", "Time to score one batch");
    public static readonly Histogram<long> InferenceBatchSize = Meter.CreateHistogram<long>("konomi.inference.batch_size", "{work}", "Works per scoring batch");
    public static readonly Counter<long> ModelLoadFailures = Meter.CreateCounter<long>("konomi.inference.model_load_failures", "{failure}", "Batches a user's serving model could not load or score, so the user was scored cold-start");
    public static readonly Counter<long> NotificationsSent = Meter.CreateCounter<long>("konomi.notifier.sent", "{notification}", "Notifications posted");
    public static readonly Counter<long> NotificationsFailed = Meter.CreateCounter<long>("konomi.notifier.failed", "{notification}", "Notifications that finally failed");
    public static readonly Counter<long> Clicks = Meter.CreateCounter<long>("konomi.feedback.clicks", "{click}", "Feedback clicks recorded");
    public static readonly Gauge<double> ModelF1 = Meter.CreateGauge<double>("konomi.trainer.model_f1", null, "Cross-validated F1 (pooled over folds) per user and model version");
    public static readonly Counter<long> GateDecisions = Meter.CreateCounter<long>("konomi.trainer.gate_decisions", "{version}", "Promotion gate decisions by user and decision (promoted/rejected)");
    public static readonly Gauge<double> GateProbabilityWorse = Meter.CreateGauge<double>("konomi.trainer.gate_probability_worse", null, "Paired-bootstrap probability that a candidate ranks worse than what serves");
    public static readonly Counter<long> Explorations = Meter.CreateCounter<long>("konomi.inference.explorations", "{work}", "Works chosen to post although the model would not (exploration)");

    /// <summary>Tags the current span with the crawl run id so one crawl can be followed end to end.</summary>
    public static void TagCrawlRun(Guid crawlRunId) => Activity.Current?.SetTag(CrawlRunIdTag, crawlRunId.ToString());
}
