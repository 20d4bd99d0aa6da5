using System.ComponentModel.DataAnnotations;

namespace Konomi.Inference;

/// <summary>Section <c>Inference:ServingModels</c>: how much memory the users' loaded serving models may hold.</summary>
public sealed class ServingModelsOptions
{
    public const string Section = "Inference:ServingModels";

    /// <summary>
    /// Estimated megabytes of loaded models kept between batches; past it a model is loaded again from the registry
    /// whenever its user is scored (see <see cref="ServingModels"/> for which ones stay). A 200-label ngram model of works a
    /// page long, with its user's liked works, is about 1.4 MB (docs/scale.md), so the default holds about 100 such users
    /// in a process of about 250 MB.
    /// </summary>
    [Range(0.001, 1_048_576, ErrorMessage = "Inference:ServingModels:SizeLimitMb must be between 0.001 and 1048576")]
    public double SizeLimitMb { get; set; } = 150;

    public long SizeLimitBytes => (long)(SizeLimitMb * 1024 * 1024);
}
