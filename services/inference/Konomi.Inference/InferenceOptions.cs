using System.ComponentModel.DataAnnotations;

namespace Konomi.Inference;

/// <summary>Section <c>Inference</c>: how new works are batched for scoring and where models run.</summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";
    public const string ServingModelsSection = ServingModelsOptions.Section;

    /// <summary>Most works scored in one batch; a crawl's new works usually arrive together.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Inference:BatchSize must be at least 1")]
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a partial batch waits for more works before it is scored anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "Inference:BatchTimeLimit must be a positive time span")]
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Batches scored at the same time by one process.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Inference:ConcurrentBatches must be at least 1")]
    public int ConcurrentBatches { get; set; } = 1;

    /// <summary>Reasons kept per score, strongest first.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "Inference:MaxReasons must not be negative")]
    public int MaxReasons { get; set; } = 5;

    /// <summary>
    /// Expected share of the works the model would not post that are posted anyway, to learn about them
    /// ("trying something new"); 0 turns exploration off for everyone, a profile's <c>Explore: false</c> for one user.
    /// </summary>
    [Range(0, 1, ErrorMessage = "Inference:ExplorationRate must be between 0 and 1")]
    public double ExplorationRate { get; set; } = 0.1;

    /// <summary>
    /// The same share for a user whose labels cannot train a model yet (fewer than two of 興味あり or of 別に…): every
    /// verdict is "not liked, no taste model yet", and only an おためし post can bring the missing answer. 0 turns it off.
    /// </summary>
    [Range(0, 1, ErrorMessage = "Inference:ExplorationRateWithoutModel must be between 0 and 1")]
    public double ExplorationRateWithoutModel { get; set; } = 0.3;

    /// <summary>
    /// Once a served user's model has more 興味あり than this to learn from, their rate falls as this many over their
    /// likes (at 20 likes, a quarter of <see cref="ExplorationRate"/>); 0 keeps the rate whole. Swept on the loop
    /// replays (3, 5, 10, 20): 5 has the highest F1 of those under which no reader's recall falls below 0.2; at 3 the
    /// men's reader starves (docs/learning-loop.md, "Exploration that tapers").
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Inference:ExplorationTaperLikes must not be negative")]
    public int ExplorationTaperLikes { get; set; } = 5;

    /// <summary>Bearer token <c>POST /score</c> requires; unset, it answers callers on this machine only.</summary>
    public string? ScoreToken { get; set; }

    /// <summary>Largest <c>POST /score</c> body: one work's JSON is a few KB.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Inference:MaxScoreBodyBytes must be at least 1")]
    public int MaxScoreBodyBytes { get; set; } = 64 * 1024;
}
