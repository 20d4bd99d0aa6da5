using System.Globalization;

namespace Konomi.EndToEnd.Tests;

/// <summary>Reads a counter from a host's <c>/metrics</c> (Prometheus text), summed over its label sets.</summary>
public static class PrometheusCounter
{
    public static async Task<double> ReadAsync(HttpClient http, Uri host, string name, CancellationToken ct)
    {
        var text = await http.GetStringAsync(new Uri(host, "metrics"), ct);
        return text.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is '{' or ' ' or '_'))
            .Where(line => !line.Contains("_created", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
