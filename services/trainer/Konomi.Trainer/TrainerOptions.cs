namespace Konomi.Trainer;

/// <summary>Section <c>Trainer</c>: when a user's model is retrained and what a first model needs.</summary>
public sealed class TrainerOptions
{
    public const string Section = "Trainer";

    /// <summary>Labels a user needs, both answers present, before any model is trained.</summary>
    public int MinLabels { get; set; } = 20;

    /// <summary>New labels since the last training that retrain a user at once.</summary>
    public int MinNewLabels { get; set; } = 10;

    /// <summary>Quiet time after a user's last click that retrains them with fewer new labels.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Every so often each labelled user is retrained if labels changed since their latest model.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Cross-validation folds, assigned by a stable hash of the work id.</summary>
    public int Folds { get; set; } = 5;

    /// <summary>Fresh labels (after the serving model's cutoff, both answers present) the gate needs to judge a new recipe.</summary>
    public int MinFreshLabels { get; set; } = 10;

    /// <summary>A candidate is rejected when the paired bootstrap says it ranks worse with at least this probability.</summary>
    public double MaxProbabilityWorse { get; set; } = 0.9;

    /// <summary>Paired bootstrap resamples of the fresh labels.</summary>
    public int BootstrapSamples { get; set; } = 1000;
}
