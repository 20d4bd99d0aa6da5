using System.Diagnostics;

namespace Konomi.TasteModels.Learning;

/// <summary>
/// Spans for the stages of training (hashing, vocabulary, transform, each L-BFGS fit with its C, inner fold, dealing
/// and iterations), under the source name Konomi's hosts already export, so a slow retrain shows where its time went.
/// Without a listener no span is made.
/// </summary>
public static class TrainingTelemetry
{
    public const string SourceName = "Konomi";
    public const string IterationsTag = "konomi.training.iterations";
    public const string CTag = "konomi.training.c";
    public const string FoldTag = "konomi.training.inner_fold";
    public const string DealingTag = "konomi.training.dealing";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static Activity? Start(string stage) => Source.StartActivity(stage);
}
