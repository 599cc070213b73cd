using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Rmote.TestTools;

/// <summary>Tools that try to write into the agent's stdio — which must not reach the protocol stream.</summary>
[Tool]
public static partial class Noisy
{
    public static void ConsoleOut() => Console.WriteLine("PROTOCOL READY\nRMOTE garbage on stdout");

    public static void ConsoleError() => Console.Error.WriteLine("garbage on stderr");

    public static void ChildProcess()
    {
        using var child = Process.Start("sh", "-c 'echo x; echo y >&2'");
        child.WaitForExit();
    }

    public static void RawWrite()
    {
        var bytes = Encoding.ASCII.GetBytes("RMOTE raw write to fd 1\n");
        _ = Write(1, bytes, bytes.Length);
        _ = Write(2, bytes, bytes.Length);
    }

    public static void ConcurrentChildren()
    {
        Parallel.For(0, 5, _ =>
        {
            using var child = Process.Start("sh", "-c 'for i in 1 2 3 4 5 6 7 8 9 10; do echo RMOTE$i; echo err$i >&2; done'");
            child.WaitForExit();
        });
    }

    public static int Log(int count)
    {
        var logger = ToolContext.CreateLogger("Tests.Chatty");
        for (var i = 0; i < count; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        logger.LogWarning(new EventId(7, "done"), new InvalidOperationException("attached"), "finished {Count}", count);
        return count;
    }

    [LibraryImport("libc", EntryPoint = "write")]
    private static partial nint Write(int fd, byte[] buffer, nint count);
}
