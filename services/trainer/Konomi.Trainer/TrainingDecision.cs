namespace Konomi.Trainer;

public enum TrainingDecision
{
    /// <summary>Too few labels, or only one answer: no model was trained.</summary>
    NotTrained,
    Promoted,
    Rejected,
}
