using Microsoft.Extensions.Logging.Testing;

namespace Konomi.Testing;

public static class FakeLogLines
{
    /// <summary>
    /// Each captured record as one line (level, category, message, structured values, scopes, exception), for
    /// checks of what was said and of what must never be said, such as a token.
    /// </summary>
    public static IReadOnlyList<string> Lines(this FakeLoggerProvider logs) => [.. logs.Collector.GetSnapshot().Select(r =>
        $"{r.Level} {r.Category}: {r.Message} {string.Join(' ', r.StructuredState ?? [])} {string.Join(' ', r.Scopes)} {r.Exception}")];
}
