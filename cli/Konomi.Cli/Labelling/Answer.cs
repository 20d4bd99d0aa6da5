namespace Konomi.Cli.Labelling;

/// <summary>What the annotator heard: a label, or a move through the queue.</summary>
public enum Answer
{
    Like,
    Not,
    Skip,
    Undo,
    Quit,
    Unknown,
}
