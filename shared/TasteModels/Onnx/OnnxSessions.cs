using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Konomi.TasteModels.Onnx;

/// <summary>
/// Opens ONNX Runtime sessions on the configured device. CUDA needs the GPU build of ONNX Runtime and a
/// driver; without them the session runs on CPU and says so once in the log, rather than failing a service.
/// </summary>
public sealed partial class OnnxSessions(IOptions<TasteModelOptions> options, ILogger<OnnxSessions> logger)
{
    public InferenceSession Open(byte[] model)
    {
        using var sessionOptions = SessionOptions();
        return new InferenceSession(model, sessionOptions);
    }

    /// <summary>The device sessions actually run on after any fallback: cpu or cuda.</summary>
    public string Device { get; private set; } = "cpu";

    private SessionOptions SessionOptions()
    {
        var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        Device = "cpu";
        if (!string.Equals(options.Value.Device, "cuda", StringComparison.OrdinalIgnoreCase)) return sessionOptions;
        try
        {
            sessionOptions.AppendExecutionProvider_CUDA(options.Value.CudaDeviceId);
            Device = "cuda";
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            LogNoCuda(logger, e.Message);
        }
        return sessionOptions;
    }

    [LoggerMessage(1, LogLevel.Warning, "TasteModels:Device is cuda but the CUDA execution provider is unavailable ({Reason}); running on CPU. Install Microsoft.ML.OnnxRuntime.Gpu and the NVIDIA driver to use the GPU.")]
    static partial void LogNoCuda(ILogger logger, string reason);
}
