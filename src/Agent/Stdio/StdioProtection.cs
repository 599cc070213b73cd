using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Rmote.Agent.Stdio;

/// <summary>
/// The first thing the agent does: move the protocol off file descriptors 0 and 1 so that nothing a tool does can
/// corrupt it. Descriptors 0 and 1 are duplicated to new close-on-exec descriptors (children never inherit the
/// protocol pipes), then /dev/null is put on 0, 1 and 2. Afterwards <see cref="Console"/>, <c>write(1, …)</c> and
/// child processes with default settings all write into /dev/null.
/// </summary>
internal static class StdioProtection
{
    private const int PipeBufferSize = 1024 * 1024;
    private const int Eintr = 4;

    /// <summary>
    /// Protects stdio, writes <paramref name="announcement"/> (the handshake line) on the protocol's output and returns
    /// the protocol's input and output streams. The line is written with one <c>write(2)</c> before the streams are
    /// built: the pipe streams load and start the runtime's socket engine (several milliseconds), and the host can
    /// send its handshake and first frames meanwhile.
    /// </summary>
    public static (Stream Input, Stream Output) Apply(ReadOnlySpan<byte> announcement)
    {
        var input = Check(LibC.Fcntl(0, LibC.DuplicateCloseOnExec, 3), "dup stdin");
        var output = Check(LibC.Fcntl(1, LibC.DuplicateCloseOnExec, 3), "dup stdout");
        var devNull = Check(LibC.Open("/dev/null", LibC.OpenReadWrite), "open /dev/null");
        for (var fd = 0; fd <= 2; fd++)
        {
            Check(LibC.Dup2(devNull, fd), "dup2 /dev/null");
        }

        LibC.Close(devNull);
        WriteAll(output, announcement);
        Diagnostics.StartupTimeline.Mark("ready line written");
        GrowPipeBuffers(input, output);
        return (OpenStream(input, FileAccess.Read), OpenStream(output, FileAccess.Write));
    }

    // A 1 MiB kernel buffer (the unprivileged maximum) instead of 64 KiB cuts the system calls of a bulk transfer
    // sixteenfold. Best effort: not a pipe, not Linux, or a lower limit simply leaves the default.
    private static void GrowPipeBuffers(int input, int output)
    {
        if (OperatingSystem.IsLinux())
        {
            _ = LibC.Fcntl(input, LibC.SetPipeSize, PipeBufferSize);
            _ = LibC.Fcntl(output, LibC.SetPipeSize, PipeBufferSize);
        }
    }

    private static unsafe void WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            for (var written = 0; written < bytes.Length;)
            {
                var result = LibC.Write(fd, start + written, (nuint)(bytes.Length - written));
                if (result < 0 && Marshal.GetLastPInvokeError() == Eintr) continue;
                written += (int)Check((int)result, "write the handshake line");
            }
        }
    }

    // A plain unbuffered FileStream, not a PipeStream: on Unix a PipeStream drives the descriptor through the socket
    // engine (System.Net.Sockets, an epoll thread), which costs an idle agent about 2 MB of resident memory. Reads of a
    // pipe then block one pool thread, which the agent's one read loop can afford; writes are plain write(2) calls.
    private static FileStream OpenStream(int fd, FileAccess access) =>
        new(new SafeFileHandle(fd, ownsHandle: false), access, bufferSize: 0);

    private static int Check(int result, string operation) =>
        result >= 0 ? result : throw new Win32Exception(Marshal.GetLastPInvokeError(), $"Stdio protection failed: {operation}.");
}
