namespace Konomi.Storage.Transfer;

/// <summary>Why one line of an import file cannot be taken; lines count from 1, the header included.</summary>
public sealed record ImportProblem(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
