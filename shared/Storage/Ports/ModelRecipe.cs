namespace Konomi.Storage.Ports;

/// <summary>
/// How a version was trained: its family, and a fingerprint (SHA-256, hex) of the family's options, the input
/// settings and, for ONNX families, the encoder's hash. <paramref name="Settings"/> is the canonical text hashed.
/// </summary>
public sealed record ModelRecipe(string Family, string Fingerprint, string Settings);
