using System.Buffers.Binary;
using System.Net.Sockets;

namespace Rmote.Transports.OpenSsh;

/// <summary>
/// Tells, before ssh is run, whether a control socket leads to a live master of ours. ssh itself would block for ever
/// on a socket whose listener never answers, and would talk to a socket someone else owns: both go direct instead.
/// </summary>
internal static class ControlSocketProbe
{
    /// <summary>How long a master may take to answer the mux hello.</summary>
    public static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(1);

    private const uint MuxHello = 1;
    private const uint MuxVersion = 4;

    /// <summary>What a control socket path holds.</summary>
    public enum State
    {
        /// <summary>Nothing there (or a stale socket of ours, removed): the next ssh may become the master.</summary>
        Absent,

        /// <summary>A master of ours answered the mux hello: ride it.</summary>
        Alive,

        /// <summary>Not ours, not a socket, or silent: do not use it, do not touch it; connect directly.</summary>
        Untrusted,
    }

    /// <summary>Probes <paramref name="path"/>: ownership first, then the OpenSSH mux hello within <see cref="AnswerBound"/>.</summary>
    public static async Task<State> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var (kind, owner, _) = UnixFiles.Stat(path);
        if (kind == UnixFiles.Kind.Missing) return State.Absent;
        if (kind != UnixFiles.Kind.Socket || owner != UnixFiles.EffectiveUserId) return State.Untrusted;

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(AnswerBound);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), bound.Token).ConfigureAwait(false);
            var hello = new byte[12];
            BinaryPrimitives.WriteUInt32BigEndian(hello, 8);
            BinaryPrimitives.WriteUInt32BigEndian(hello.AsSpan(4), MuxHello);
            BinaryPrimitives.WriteUInt32BigEndian(hello.AsSpan(8), MuxVersion);
            await socket.SendAsync(hello, SocketFlags.None, bound.Token).ConfigureAwait(false);
            var answer = new byte[8];
            var read = 0;
            while (read < answer.Length)
            {
                var n = await socket.ReceiveAsync(answer.AsMemory(read), SocketFlags.None, bound.Token).ConfigureAwait(false);
                if (n == 0) return State.Untrusted;
                read += n;
            }
            return BinaryPrimitives.ReadUInt32BigEndian(answer.AsSpan(4)) == MuxHello ? State.Alive : State.Untrusted;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            // A master that died (SIGKILL, reboot of the session) leaves its socket behind: ours, so ours to remove.
            TryDelete(path);
            return State.Absent;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return State.Untrusted;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Someone else removed or replaced it meanwhile: the next probe sees what is there now.
        }
    }
}
