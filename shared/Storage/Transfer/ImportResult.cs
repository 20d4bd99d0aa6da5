namespace Konomi.Storage.Transfer;

/// <summary>
/// What an import did: with any <see cref="Problems"/> nothing was stored; otherwise <see cref="Added"/>
/// of the <see cref="Rows"/> read were new (the rest were already there), and <see cref="Notes"/> say what the
/// person should know about what was taken (users created, labels waiting for their works).
/// </summary>
public sealed record ImportResult(int Rows, int Added, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<string>? Notes = null)
{
    public bool Succeeded => Problems.Count == 0;
}
