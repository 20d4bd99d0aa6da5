using System.Runtime.InteropServices;

namespace Konomi.Cli;

/// <summary>
/// What .NET cannot tell about a path or a standard stream: whether a path is a FIFO or a device (it calls them all
/// files), and whether standard input was closed when konomi started (the runtime then reuses descriptor 0 for a
/// pipe of its own, and reading it waits for ever). Linux only; elsewhere every path is a plain file and stdin open.
/// </summary>
public static class SpecialFiles
{
    public enum Kind { Plain, Fifo, CharacterDevice, BlockDevice, Socket }

    /// <summary>What <paramref name="path"/> names, following links; <see cref="Kind.Plain"/> also when it does not exist.</summary>
    public static Kind Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return Kind.Plain;
        // statx, not stat: struct statx has one layout on every architecture (stx_mode is the u16 at byte 28).
        var buffer = new byte[256];
        try
        {
            if (Statx(AtCurrentFolder, System.Text.Encoding.UTF8.GetBytes(path + "\0"), 0, StatxType, buffer) != 0) return Kind.Plain;
        }
        catch (EntryPointNotFoundException)
        {
            return Kind.Plain;
        }
        return (BitConverter.ToUInt16(buffer, 28) & 0xF000) switch
        {
            0x1000 => Kind.Fifo,
            0x2000 => Kind.CharacterDevice,
            0x6000 => Kind.BlockDevice,
            0xC000 => Kind.Socket,
            _ => Kind.Plain,
        };
    }

    /// <summary>
    /// Whether standard input was closed at start (<c>konomi works import - &lt;&amp;-</c>). Descriptor 0 inherited from
    /// the shell never has close-on-exec (it would not have survived the exec); one the runtime opened since always has.
    /// </summary>
    public static bool StandardInputClosed()
    {
        if (OperatingSystem.IsWindows()) return false;
        var flags = Fcntl(0, GetDescriptorFlags);
        return flags < 0 || (flags & CloseOnExec) != 0;
    }

    const int AtCurrentFolder = -100;
    const uint StatxType = 0x1;
    const int GetDescriptorFlags = 1;
    const int CloseOnExec = 1;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    static extern int Statx(int folder, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    static extern int Fcntl(int descriptor, int command);
}
