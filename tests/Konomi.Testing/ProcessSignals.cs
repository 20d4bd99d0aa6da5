using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Konomi.Testing;

public static class ProcessSignals
{
    /// <summary>SIGTERM, as <c>kill</c>, Kubernetes and <c>docker stop</c> send (<see cref="Process.Kill()"/> sends SIGKILL).</summary>
    public static void Terminate(this Process process)
    {
        if (!process.HasExited) _ = SysKill(process.Id, 15);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SysKill(int pid, int signal);
}
