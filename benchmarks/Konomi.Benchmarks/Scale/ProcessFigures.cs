using System.Diagnostics;

namespace Konomi.Benchmarks.Scale;

/// <summary>This process's resident memory (now and peak, from /proc) and CPU time.</summary>
public static class ProcessFigures
{
    public static double RssMb => Status("VmRSS:");

    public static double PeakRssMb => Status("VmHWM:");

    public static TimeSpan Cpu
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The machine's 1-minute load average: how much of the cores this run had to share.</summary>
    public static string LoadAverage => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    public static double ManagedMb(bool collect = true) => GC.GetTotalMemory(collect) / 1048576.0;

    /// <summary>
    /// A full, compacting collection that gives freed memory back to the system, so the RSS read next is what the
    /// live state holds and not the peak of an earlier part of the run (training on 5,000 labels, a pipeline stage).
    /// </summary>
    public static void Settle() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private static double Status(string key)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line[key.Length..].Trim().Split(' ')[0]) / 1024.0;
    }
}
