namespace Konomi.TasteModels.Onnx;

/// <summary>
/// A file a person names in the settings (a model, its tokenizer, its reference embeddings). The readers' own words
/// ("protobuf parsing failed", "'[UNK]' is not in the vocabulary") name neither the file nor the setting, so a file
/// that cannot be used is refused with both.
/// </summary>
public static class BroughtFile
{
    public static T Load<T>(string setting, string path, Func<string, T> load)
    {
        try
        {
            return load(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException($"{setting} {path}: no such file", e);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            throw new InvalidOperationException($"{setting} {path} cannot be used: {e.Message}", e);
        }
    }
}
