namespace Konomi.Storage.Transfer;

/// <summary>
/// What an import did: with any <see cref="Problems"/> nothing was stored; otherwise <see cref="Added"/>
/// of the <see cref="Rows"/> read were new (the rest were already there).
/// </summary>
public sealed record ImportResult(int Rows, int Added, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}
