namespace Konomi.TasteModels.Input;

/// <summary>How much of a work's description the model sees.</summary>
public enum DescriptionSelection
{
    /// <summary>The whole cleaned description.</summary>
    Whole,

    /// <summary>Only the block with the most taste keywords: the original system's choice (accuracy ~0.8 → ~0.9).</summary>
    BestBlock,

    /// <summary>No description: title and credits only.</summary>
    None,
}
