using System.ComponentModel.DataAnnotations;

namespace Konomi.Labelling;

/// <summary>
/// Section <c>Trainer</c>: when a user's model is retrained and what a first model needs. The trainer acts on it; inference's
/// cold start, the web pages and <c>konomi status</c> say by it how many labels a first model still needs
/// (<see cref="NoModelReason"/>). So it lives here, below the services, and each of them binds the whole section
/// (<see cref="LabellingExtensions.AddTrainerOptions"/>): every service gets the same configuration, and a misspelt
/// trainer key is refused by each alike instead of being unknown to some.
/// </summary>
public sealed class TrainerOptions
{
    public const string Section = "Trainer";

    /// <summary>Labels a user needs, both answers present, before any model is trained.</summary>
    [Range(2, int.MaxValue, ErrorMessage = "Trainer:MinLabels must be at least 2")]
    public int MinLabels { get; set; } = 20;

    /// <summary>New labels since the last training that retrain a user at once.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Trainer:MinNewLabels must be at least 1")]
    public int MinNewLabels { get; set; } = 10;

    /// <summary>Quiet time after a user's last click that retrains them with fewer new labels.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "Trainer:Debounce must not be negative")]
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the label watch tallies every user's labels, so labels that came without a click's message (<c>konomi
    /// label</c>, an import, a lost message) are retrained within this plus <see cref="Debounce"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Trainer:LabelCheck must be between 1 second and 1 day")]
    public TimeSpan LabelCheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every so often each labelled user is retrained if labels changed since their latest model.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00", ErrorMessage = "Trainer:Interval must be a positive time span")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Cross-validation folds, assigned by a stable hash of the work id.</summary>
    [Range(2, int.MaxValue, ErrorMessage = "Trainer:Folds must be at least 2")]
    public int Folds { get; set; } = 5;

    /// <summary>Fresh labels (after the serving model's cutoff, both answers present) the gate needs to judge a new recipe.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "Trainer:MinFreshLabels must not be negative")]
    public int MinFreshLabels { get; set; } = 10;

    /// <summary>A candidate is rejected when the paired bootstrap says it ranks worse with at least this probability.</summary>
    [Range(0, 1, ErrorMessage = "Trainer:MaxProbabilityWorse must be between 0 and 1")]
    public double MaxProbabilityWorse { get; set; } = 0.9;

    /// <summary>
    /// Learn from everyone: with at least two sharing users who have enough labels, a due sharing user is trained with
    /// the workspace (the trainer's <c>WorkspaceTrainer</c>). False trains every user alone, as before.
    /// </summary>
    public bool LearnFromEveryone { get; set; } = true;

    /// <summary>Paired bootstrap resamples of the fresh labels.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Trainer:BootstrapSamples must be at least 1")]
    public int BootstrapSamples { get; set; } = 1000;
}
