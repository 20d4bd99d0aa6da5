namespace Konomi.Inference;

/// <summary>Section <c>Inference</c>: how new works are batched for scoring and where models run.</summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>Most works scored in one batch; a crawl's new works usually arrive together.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a partial batch waits for more works before it is scored anyway.</summary>
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Batches scored at the same time by one process.</summary>
    public int ConcurrentBatches { get; set; } = 1;

    /// <summary>Reasons kept per score, strongest first.</summary>
    public int MaxReasons { get; set; } = 5;

    /// <summary>
    /// Expected share of the works the model would not post that are posted anyway, to learn about them
    /// ("trying something new"); 0 turns exploration off for everyone, a profile's <c>Explore: false</c> for one user.
    /// </summary>
    public double ExplorationRate { get; set; } = 0.1;

    /// <summary>Bearer token <c>POST /score</c> requires; unset, it answers callers on this machine only.</summary>
    public string? ScoreToken { get; set; }

    /// <summary>Largest <c>POST /score</c> body: one work's JSON is a few KB.</summary>
    public int MaxScoreBodyBytes { get; set; } = 64 * 1024;
}
