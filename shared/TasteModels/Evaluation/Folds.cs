using System.Security.Cryptography;
using System.Text;

namespace Konomi.TasteModels.Evaluation;

/// <summary>Fold of an item from a stable hash of its id, so every run and every language splits alike.</summary>
public static class Folds
{
    public static int ByHash(string id, int folds)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(id));
        return (int)(BitConverter.ToUInt32(hash, 0) % (uint)folds);
    }
}
