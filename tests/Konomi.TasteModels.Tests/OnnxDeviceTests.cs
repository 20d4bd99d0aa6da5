using Konomi.TasteModels.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Konomi.TasteModels.Tests;

public class OnnxDeviceTests
{
    [Fact]
    public void Cuda_without_the_GPU_runtime_falls_back_to_cpu_with_a_warning()
    {
        var log = new RecordingLogger();
        var sessions = new OnnxSessions(Options.Create(new TasteModelOptions { Device = "cuda" }), log);

        using var session = sessions.Open(MiniLm.ModelBytes());

        sessions.Device.ShouldBe("cpu");
        session.InputMetadata.Keys.ShouldContain("input_ids");
        log.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message.Contains("running on CPU"));
    }

    [Fact]
    public void Cpu_is_the_default_and_logs_nothing()
    {
        var log = new RecordingLogger();
        var sessions = new OnnxSessions(Options.Create(new TasteModelOptions()), log);

        using var session = sessions.Open(MiniLm.ModelBytes());

        sessions.Device.ShouldBe("cpu");
        log.Entries.ShouldBeEmpty();
    }

    private sealed class RecordingLogger : ILogger<OnnxSessions>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
